using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
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
    /// A page of coupons per member, newest first, for a whole batch of members in ONE query. EF Core translates the
    /// correlated "OrderByDescending(Id).Take(first + 1)" per member into
    /// <c>ROW_NUMBER() OVER (PARTITION BY MemberId ORDER BY Id DESC)</c> over the batch's coupons (filtered by
    /// <c>MemberId IN (...)</c>, so the window only sees this batch) on SQLite and SQL Server alike: each member gets
    /// exactly its page and no member's long history is read. totalCount, when selected, is a correlated COUNT in
    /// the same statement. The loader is per (status, page) because those arguments shape the query.
    /// </summary>
    public static BatchLoader<long, Connection<Coupon>> CouponsByMember(this IResolveFieldContext context, CouponStatus? status, PageRequest page, bool withTotal)
    {
        var loaderDb = context.Service<LoaderDb>();
        var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        var empty = Connections.Build(Array.Empty<Coupon>(), page, c => c.Id, withTotal ? 0 : null);
        return context.Context().Loaders.GetOrAdd<long, Connection<Coupon>>($"CouponsByMember:{status}:{page.First}:{page.After}:{withTotal}", () => new((ids, ct) => loaderDb.ReadAsync(async db =>
        {
            var after = page.After ?? long.MaxValue;
            var take = page.First + 1;
            if (ids.Count == 1)
            {
                // One member (the mini-program's `me`): a plain keyset page, no window function.
                var memberId = ids[0];
                var mine = WithStatus(db.Coupons.AsNoTracking().Where(c => c.MemberId == memberId), status, now);
                var rows = await mine.Where(c => c.Id < after).OrderByDescending(c => c.Id).Take(take).ToListAsync(ct);
                int? total = withTotal ? await mine.CountAsync(ct) : null;
                return (IReadOnlyDictionary<long, Connection<Coupon>>)new Dictionary<long, Connection<Coupon>> { [memberId] = Connections.Build(rows, page, c => c.Id, total) };
            }

            var matching = WithStatus(db.Coupons.AsNoTracking().WhereKeyIn(c => c.MemberId, ids), status, now);
            var pages = await db.Members.AsNoTracking()
                .WhereKeyIn(m => m.Id, ids)
                .Select(m => new
                {
                    m.Id,
                    Page = matching.Where(c => c.MemberId == m.Id && c.Id < after).OrderByDescending(c => c.Id).Take(take).ToList(),
                    Total = withTotal ? matching.Count(c => c.MemberId == m.Id) : (int?)null,
                })
                .ToListAsync(ct);
            return pages.ToDictionary(p => p.Id, p => Connections.Build(p.Page, page, c => c.Id, p.Total));
        }, ct), empty));
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

    /// <summary>
    /// Filters by the status members see: a coupon past its window counts as EXPIRED even before the expiry step
    /// has marked it, and no longer as AVAILABLE or RESERVED.
    /// </summary>
    public static IQueryable<Coupon> WithStatus(IQueryable<Coupon> coupons, CouponStatus? status, DateTime now) => status switch
    {
        null => coupons,
        CouponStatus.Available or CouponStatus.Reserved => coupons.Where(c => c.Status == status && c.ValidUntil > now),
        CouponStatus.Expired => coupons.Where(c => c.Status == CouponStatus.Expired
                                                   || ((c.Status == CouponStatus.Available || c.Status == CouponStatus.Reserved) && c.ValidUntil <= now)),
        _ => coupons.Where(c => c.Status == status),
    };
}
