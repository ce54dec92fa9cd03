using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Lists;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>Batched coupon reads: one query per level of the query, whatever the number of parents.</summary>
public static class CouponDataLoaders
{
    public static BatchLoader<long, CouponTemplate?> CouponTemplateById(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, CouponTemplate?>("CouponTemplateById", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, CouponTemplate?>>(async db =>
            await db.CouponTemplates.AsNoTracking().WhereKeyIn(t => t.Id, ids).ToDictionaryAsync(t => t.Id, t => (CouponTemplate?)t, ct), ct), null));
    }

    /// <summary>
    /// The template for a <c>Coupon.template</c> selection: only the columns its fields read (a coupon list shows a
    /// name and a kind, not the description, the JSON lists of stores and channels and five dates to convert), the
    /// whole row when a selected field declares nothing. Each set of columns is its own loader, so rows read for one
    /// selection never answer another.
    /// </summary>
    public static BatchLoader<long, CouponTemplate?> CouponTemplateFor(this IResolveFieldContext context)
    {
        if (ColumnProjection.ColumnsFor(context, nameof(CouponTemplate.Id)) is not { } columns
            || ColumnProjection.Projection<CouponTemplate>(columns) is not { } projection)
        {
            return context.CouponTemplateById();
        }

        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, CouponTemplate?>($"CouponTemplateById:{columns}", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, CouponTemplate?>>(async db =>
            await db.CouponTemplates.AsNoTracking().WhereKeyIn(t => t.Id, ids).Select(projection).ToDictionaryAsync(t => t.Id, t => (CouponTemplate?)t, ct), ct), null));
    }

    public static BatchLoader<long, Coupon?> CouponById(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, Coupon?>("CouponById", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, Coupon?>>(async db =>
            await db.Coupons.AsNoTracking().WhereKeyIn(c => c.Id, ids).ToDictionaryAsync(c => c.Id, c => (Coupon?)c, ct), ct), null));
    }

    /// <summary>
    /// A page of coupons per member with the list's where and order, for a whole batch of members in ONE statement (each
    /// member's rows numbered by <c>ROW_NUMBER() OVER (PARTITION BY MemberId ...)</c> over the batch's coupons only, totalCount
    /// a correlated COUNT in the same statement), a plain keyset page for a batch of one (<see cref="PagesByMember"/>).
    /// </summary>
    public static BatchLoader<long, Connection<Coupon>> CouponsByMember(this IResolveFieldContext context, CouponFilter filter, ListPage<Coupon> page)
    {
        var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        return PagesByMember.Load(context, "Coupons", filter, page, db => CouponList.Filtered(db, filter, now), c => c.MemberId);
    }

    /// <summary>A page of each coupon's history, oldest first, in one query (a per-coupon window) for all coupons of the level.</summary>
    public static BatchLoader<long, IReadOnlyList<CouponHistoryEntry>> HistoryByCoupon(this IResolveFieldContext context, PageRequest page)
    {
        var loaderDb = context.Service<LoaderDb>();
        var take = page.First + 1;
        var after = page.After ?? 0;
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<CouponHistoryEntry>>($"CouponHistoryByCoupon:{take}:{after}", () => new((ids, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<CouponHistoryEntry>>>(async db =>
            {
                var rows = await db.CouponHistory.AsNoTracking()
                    .Where(e => ids.Contains(e.CouponId) && e.Id > after)
                    .GroupBy(e => e.CouponId)
                    .Select(g => new { CouponId = g.Key, Page = g.OrderBy(e => e.Id).Take(take).ToList() })
                    .ToListAsync(ct);
                return rows.ToDictionary(g => g.CouponId, g => (IReadOnlyList<CouponHistoryEntry>)g.Page.OrderBy(e => e.Id).ToList());
            }, ct), []));
    }

    public static BatchLoader<long, int> HistoryCountByCoupon(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, int>("CouponHistoryCountByCoupon", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, int>>(async db =>
            await db.CouponHistory.AsNoTracking().WhereKeyIn(e => e.CouponId, ids)
                .GroupBy(e => e.CouponId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct), ct), 0));
    }
}
