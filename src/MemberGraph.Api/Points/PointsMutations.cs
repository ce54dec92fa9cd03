using GraphQL;
using GraphQL.Types;
using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

public sealed class PointsMutations : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<RedeemPointsPayloadType>>("redeemPoints")
            .Description("Spends points, oldest lots first (members: their own; admins: any member's). INSUFFICIENT_POINTS when the balance does not cover it.")
            .Argument<NonNullGraphType<RedeemPointsInputType>>("input")
            .Authorize(Roles.Member, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RedeemPointsInput>("input");
                var caller = ctx.Caller();
                var memberId = MemberFor(input.MemberId, caller);
                if (memberId is null)
                {
                    return new RedeemPointsPayload(null, null, false, [new UserError(UserErrorCode.InvalidInput, "Name the member whose points to spend.", "memberId")]);
                }

                var outcome = await ctx.Service<PointsService>().RedeemAsync(memberId.Value, input.Amount, input.Reason.Trim(), input.IdempotencyKey, caller, ctx.CancellationToken);
                return outcome.Value is { } spent
                    ? new RedeemPointsPayload(spent.Entry, spent.Balance, spent.Replayed, [])
                    : new RedeemPointsPayload(null, null, false, [outcome.Error!]);
            });

        mutation.Field<NonNullGraphType<PointsStepPayloadType>>("releasePendingPoints")
            .Description("Admins: makes pending points whose return window closed available now (the scheduled job does the same).")
            .Argument<NonNullGraphType<PointsStepInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(ctx => RunStepAsync(ctx, "releasePendingPoints", (m, now, id, ct) => m.ReleasePendingPointsAsync(now, id, ct)));

        mutation.Field<NonNullGraphType<PointsStepPayloadType>>("expirePoints")
            .Description("Admins: expires what is left of lots past their expiry now (the scheduled job does the same).")
            .Argument<NonNullGraphType<PointsStepInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(ctx => RunStepAsync(ctx, "expirePoints", (m, now, id, ct) => m.ExpirePointsAsync(now, id, ct)));
    }

    private static long? MemberFor(string? requested, Caller caller)
    {
        long? id = null;
        if (requested is not null)
        {
            id = GlobalId.TryDecode(requested, "Member") ?? throw GraphQLRequestError.BadInput($"'{requested}' is not a member id.");
        }

        if (!caller.Is(Roles.Member))
        {
            return id;
        }

        if (caller.MemberId is not { } self || (id is { } other && other != self))
        {
            throw GraphQLRequestError.NotAuthorized("spend another member's points");
        }

        return self;
    }

    private static async Task<object?> RunStepAsync(IResolveFieldContext ctx, string operation, Func<PointsMaintenance, DateTime, long?, CancellationToken, Task<int>> step)
    {
        var input = ctx.GetArgument<PointsStepInput>("input");
        long? memberId = null;
        if (input.MemberId is not null)
        {
            memberId = GlobalId.TryDecode(input.MemberId, "Member") ?? throw GraphQLRequestError.BadInput($"'{input.MemberId}' is not a member id.");
        }

        var now = ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        var processed = await step(ctx.Service<PointsMaintenance>(), now, memberId, ctx.CancellationToken);
        await using (var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken))
        {
            ctx.Service<AuditLog>().Record(db, ctx.Caller(), operation, memberId is { } id ? $"Member:{id}" : "Points:all", $"{processed} lots at {now:O}");
            await db.SaveChangesAsync(ctx.CancellationToken);
        }

        return new PointsStepPayload(processed, []);
    }
}
