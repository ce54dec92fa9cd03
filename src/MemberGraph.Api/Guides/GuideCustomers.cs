using GraphQL;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Lists;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>
/// Resolves <c>Guide.customers</c>: the guide's relationships, filtered by kind and by who the customer is, sorted by when
/// the relationship began, the customer's last purchase, spend or tier; a page is one statement (one more for totalCount).
/// </summary>
internal static class GuideCustomers
{
    public static readonly SortCatalog<GuideRelationship> Sorts = new(r => r.Id, SortDirection.Desc,
        SortKey<GuideRelationship>.By("since", r => r.Since, "When the relationship began."),
        SortKey<GuideRelationship>.By("lastPurchaseAt", MemberFacts.LastPurchaseKey.ForRow<GuideRelationship, DateTime>(r => r.MemberId),
            "The customer's last purchase (an order not refunded in full); customers who never bought sort as the earliest."),
        SortKey<GuideRelationship>.By("spendCents", MemberFacts.SpendCents.ForRow<GuideRelationship, long>(r => r.MemberId),
            "What the customer spent: paid minus refunded, every channel, all time."),
        SortKey<GuideRelationship>.By("tier", MemberFacts.TierLevel.ForRow<GuideRelationship, int>(r => r.MemberId), "The customer's tier level."));

    public static async Task<object?> PageAsync(IResolveFieldContext<Guide> ctx)
    {
        var caller = ctx.Caller();
        var guide = ctx.Source;
        if (!(caller.Is(Roles.Guide) && caller.GuideId == guide.Id) && !GuideAccess.CanManage(caller, guide.StoreId))
        {
            throw GraphQLRequestError.NotAuthorized("list another guide's customers");
        }

        var page = ListPage<GuideRelationship>.From(ctx, Sorts);
        var filter = ctx.GetArgument<GuideCustomersFilter?>("where") ?? new GuideCustomersFilter();
        var now = ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
        var query = Filtered(db, guide.Id, filter, now);
        int? total = ctx.WantsTotalCount() ? await query.CountAsync(ctx.CancellationToken) : null;
        var rows = await page.Order.Page(db, query, page.After, page.Take).ToListAsync(ctx.CancellationToken);
        if (rows.Count == 0 && page.After is null)
        {
            await filter.CheckTagAsync(db, ctx.CancellationToken);
        }

        return page.Connection(rows, total);
    }

    private static IQueryable<GuideRelationship> Filtered(MemberGraphDb db, long guideId, GuideCustomersFilter filter, DateTime now)
    {
        var query = db.GuideRelationships.AsNoTracking().Where(r => r.GuideId == guideId);
        if (filter.IncludeEnded != true)
        {
            query = query.Where(r => r.EndedAt == null);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(r => r.Kind == kind);
        }

        if (filter.Source is { } source)
        {
            query = query.Where(r => r.Source == source);
        }

        return filter.ApplyTo(query, r => r.MemberId, db, now);
    }
}

public sealed class GuideCustomerSortInputType() : SortInputType<GuideRelationship>("GuideCustomerSort", "Guide.customers", GuideCustomers.Sorts);
