using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Kpis;

/// <summary><c>storeKpis</c>, <c>guideKpis</c> and <c>guideRanking</c>: thin resolvers that read the arguments and call one reader each.</summary>
public sealed class KpiQueries(StoreKpiReader stores, GuideKpiReader guides, GuideRanking ranking) : IQueryFields
{
    private const int DefaultFirst = 20;

    public void AddTo(QueryType query)
    {
        query.Field<StoreKpisType>("storeKpis")
            .Description($"A store's KPIs from `from` to `to` (business days in China time, both included, at most {KpiPeriod.MaxDays} days). Admins, any " +
                         "store; staff, their own store (another is AUTH_NOT_AUTHORIZED). Null for an unknown store.")
            .Argument<NonNullGraphType<IdGraphType>>("storeId", "The store (global id or plain key).")
            .Argument<NonNullGraphType<DateGraphType>>("from", "First business day, e.g. 2026-12-01.")
            .Argument<NonNullGraphType<DateGraphType>>("to", "Last business day, e.g. 2026-12-31.")
            .Authorize(Roles.Admin, Roles.Staff)
            .ResolveAsync(async ctx => await stores.ReadAsync(ctx.Caller(), Id(ctx, "storeId", "Store"), Period(ctx), ctx.CancellationToken));

        query.Field<GuideKpisType>("guideKpis")
            .Description($"A guide's KPIs from `from` to `to` (business days in China time, both included, at most {KpiPeriod.MaxDays} days). The guide " +
                         "themselves, staff of the guide's store and admins; anyone else AUTH_NOT_AUTHORIZED. Null for an unknown guide (admins).")
            .Argument<NonNullGraphType<IdGraphType>>("guideId", "The guide (global id or plain key).")
            .Argument<NonNullGraphType<DateGraphType>>("from", "First business day.")
            .Argument<NonNullGraphType<DateGraphType>>("to", "Last business day.")
            .Authorize(Roles.Admin, Roles.Staff, Roles.Guide)
            .ResolveAsync(async ctx => await guides.ReadAsync(ctx.Caller(), Id(ctx, "guideId", "Guide"), Period(ctx), ctx.CancellationToken));

        query.Field<ListGraphType<NonNullGraphType<GuideRankingEntryType>>>("guideRanking")
            .Description("The guides who worked at a store in the period (active, or resigned on or after its first day), ranked by `by`, highest " +
                         "first, ties by guide id. Admins, any store; staff and guides, their own store (another is AUTH_NOT_AUTHORIZED). Null for an unknown store.")
            .Argument<NonNullGraphType<IdGraphType>>("storeId", "The store (global id or plain key).")
            .Argument<NonNullGraphType<DateGraphType>>("from", "First business day.")
            .Argument<NonNullGraphType<DateGraphType>>("to", "Last business day.")
            .Argument<NonNullGraphType<GuideRankingMetricType>>("by", "The figure to rank by.")
            .Argument<IntGraphType>("first", $"How many places (default {DefaultFirst}, at most {GuideRanking.MaxFirst}).")
            .Authorize(Roles.Admin, Roles.Staff, Roles.Guide)
            .ResolveAsync(async ctx =>
            {
                var first = ctx.GetArgument<int?>("first") ?? DefaultFirst;
                if (first is < 0 or > GuideRanking.MaxFirst)
                {
                    throw new GraphQLRequestError(ErrorCodes.PageSizeExceeded, $"'first' must be between 0 and {GuideRanking.MaxFirst}; it was {first}.");
                }

                return await ranking.RankAsync(ctx.Caller(), Id(ctx, "storeId", "Store"), Period(ctx), ctx.GetArgument<GuideRankingMetric>("by"), first,
                    ctx.CancellationToken);
            });
    }

    private static long Id(IResolveFieldContext ctx, string argument, string type) =>
        GlobalId.TryDecode(ctx.GetArgument<string>(argument), type) ?? throw GraphQLRequestError.BadInput($"'{argument}' is not a {type.ToLowerInvariant()} id.");

    /// <summary>The period of the from/to arguments; a refusal (to before from, too long) is BAD_USER_INPUT.</summary>
    private static KpiPeriod Period(IResolveFieldContext ctx) =>
        KpiPeriod.Of(DateOnly.FromDateTime(ctx.GetArgument<DateTime>("from")), DateOnly.FromDateTime(ctx.GetArgument<DateTime>("to")));
}
