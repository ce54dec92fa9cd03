using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Partners;

public sealed class PartnerSettlementQueries(PartnerSettlements settlements) : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<PartnerSettlementType>("partnerSettlement")
            .Description("A partner's business day (China time) for reconciliation: its redemptions, points exchanges and credits, with the " +
                         "transactions. Admins, any partner; a partner (a token with any partner scope), its own only (another partner's id is AUTH_NOT_AUTHORIZED). An " +
                         "unknown partner is null.")
            .Argument<NonNullGraphType<IdGraphType>>("partnerId", "The partner (global id or plain key).")
            .Argument<NonNullGraphType<DateGraphType>>("date", "The business day, e.g. 2026-12-06.")
            .Authorize(Roles.Admin, Roles.Partner)
            .RequireScope([.. PartnerScopes.All])
            .ResolveAsync(async ctx =>
            {
                var partnerId = GlobalId.TryDecode(ctx.GetArgument<string>("partnerId"), "Partner")
                                ?? throw GraphQLRequestError.BadInput("partnerId is not a partner id.");
                var date = DateOnly.FromDateTime(ctx.GetArgument<DateTime>("date"));
                return await settlements.ReadAsync(ctx.Caller(), partnerId, date, ctx.CancellationToken);
            });
    }
}
