using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.Guides;

namespace MemberGraph.Commission;

public sealed class CommissionMutations : IMutationFields
{
    public void AddTo(MutationType mutation) =>
        mutation.Field<NonNullGraphType<SettleCommissionPayloadType>>("settleCommission")
            .Description("Settles (pays out) pending commission earned before a date, of one guide or of all guides (admin).")
            .Argument<NonNullGraphType<SettleCommissionInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SettleCommissionInput>("input");
                long? guideId = null;
                if (input.GuideId is not null)
                {
                    guideId = GlobalId.TryDecode(input.GuideId, "Guide") ?? throw GraphQLRequestError.BadInput($"'{input.GuideId}' is not a guide id.");
                }

                var before = input.Before.Kind switch
                {
                    DateTimeKind.Utc => input.Before,
                    DateTimeKind.Local => input.Before.ToUniversalTime(),
                    _ => DateTime.SpecifyKind(input.Before, DateTimeKind.Utc),
                };
                var outcome = await ctx.Service<CommissionSettlement>().SettleAsync(guideId, before, ctx.Caller(), ctx.CancellationToken);
                return new SettleCommissionPayload(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
            });
}

public sealed class SettleCommissionInput
{
    public string? GuideId { get; set; }
    public DateTime Before { get; set; }
}

public sealed class SettleCommissionInputType : InputObjectGraphType<SettleCommissionInput>
{
    public SettleCommissionInputType()
    {
        Name = "SettleCommissionInput";
        Description = "Which pending commission to settle.";
        Field<IdGraphType>("guideId").Description("Only this guide's commission; all guides when omitted.");
        Field<NonNullGraphType<DateTimeGraphType>>("before").Description("Settle lines earned before this instant (not in the future).");
    }
}

public sealed record SettleCommissionPayload(CommissionSettled? Settled, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class SettleCommissionPayloadType : PayloadGraphType<SettleCommissionPayload>
{
    public SettleCommissionPayloadType()
    {
        Name = "SettleCommissionPayload";
        Description = "What a settlement run settled.";
        Field<StringGraphType>("settlementId").Description("The run's id, kept on each line it settled.").Resolve(ctx => ctx.Source.Settled?.SettlementId);
        Field<NonNullGraphType<IntGraphType>>("settledLines").Description("Commission lines settled.").Resolve(ctx => ctx.Source.Settled?.Lines ?? 0);
        Field<NonNullGraphType<LongGraphType>>("settledCents").Description("Net commission settled, in cents.").Resolve(ctx => ctx.Source.Settled?.Cents ?? 0);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GuideType>>>>("guides").Description("The guides whose commission was settled.")
            .Resolve(ctx => ctx.GuideById().LoadMany(ctx.Source.Settled?.GuideIds ?? []));
    }
}
