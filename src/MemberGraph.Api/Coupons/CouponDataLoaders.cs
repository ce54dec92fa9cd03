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
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, CouponTemplate?>("CouponTemplateById", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.CouponTemplates.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => (CouponTemplate?)t, ct);
        }, null));
    }

    public static BatchLoader<long, Coupon?> CouponById(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, Coupon?>("CouponById", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.Coupons.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (Coupon?)c, ct);
        }, null));
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
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        var empty = Connections.Build(Array.Empty<Coupon>(), page, c => c.Id, withTotal ? 0 : null);
        return context.Context().Loaders.GetOrAdd<long, Connection<Coupon>>($"CouponsByMember:{status}:{page.First}:{page.After}:{withTotal}", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var matching = WithStatus(db.Coupons.AsNoTracking().Where(c => ids.Contains(c.MemberId)), status, now);
            var after = page.After ?? long.MaxValue;
            var take = page.First + 1;
            var pages = await db.Members.AsNoTracking()
                .Where(m => ids.Contains(m.Id))
                .Select(m => new
                {
                    m.Id,
                    Page = matching.Where(c => c.MemberId == m.Id && c.Id < after).OrderByDescending(c => c.Id).Take(take).ToList(),
                    Total = withTotal ? matching.Count(c => c.MemberId == m.Id) : (int?)null,
                })
                .ToListAsync(ct);
            return pages.ToDictionary(p => p.Id, p => Connections.Build(p.Page, page, c => c.Id, p.Total));
        }, empty));
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
