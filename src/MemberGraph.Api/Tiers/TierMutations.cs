using GraphQL;
using GraphQL.Types;
using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tiers;

public sealed class TierMutations : IMutationFields
{
    public void AddTo(MutationType mutation) =>
        mutation.Field<NonNullGraphType<RecomputeTiersPayloadType>>("recomputeTiers")
            .Description("Admins: recomputes levels from growth now — the only step that lowers a level (the scheduled job does the same).")
            .Argument<NonNullGraphType<RecomputeTiersInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RecomputeTiersInput>("input");
                long? memberId = null;
                if (input.MemberId is not null)
                {
                    memberId = GlobalId.TryDecode(input.MemberId, "Member") ?? throw GraphQLRequestError.BadInput($"'{input.MemberId}' is not a member id.");
                }

                var now = ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime;
                var changed = await ctx.Service<TierService>().RecomputeTiersAsync(now, memberId, ctx.CancellationToken);
                await using (var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken))
                {
                    ctx.Service<AuditLog>().Record(db, ctx.Caller(), "recomputeTiers", memberId is { } id ? $"Member:{id}" : "Tiers:all", $"{changed} level changes at {now:O}");
                    await db.SaveChangesAsync(ctx.CancellationToken);
                }

                return new RecomputeTiersPayload(changed, []);
            });
}
