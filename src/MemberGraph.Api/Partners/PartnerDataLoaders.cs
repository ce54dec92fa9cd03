using GraphQL;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>
/// Batched reads of partners, consents and what partners see of members: one query per level of the GraphQL query, whatever
/// the number of parents.
/// </summary>
public static class PartnerDataLoaders
{
    public static BatchLoader<long, Partner?> PartnerById(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, Partner?>("PartnerById", () => new((ids, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<long, Partner?>>(async db =>
                await db.Partners.AsNoTracking().WhereKeyIn(p => p.Id, ids).ToDictionaryAsync(p => p.Id, p => (Partner?)p, ct), ct), null));
    }

    /// <summary>
    /// The calling partner's consenting members by pairwise id (the <c>_entities</c> representations): one query for all
    /// representations of the request; a missing one is null.
    /// </summary>
    public static BatchLoader<string, PartnerMember?> PartnerMemberByPairwiseId(this IResolveFieldContext context)
    {
        var lookup = context.Service<PartnerMemberLookup>();
        var caller = context.Caller();
        return context.Context().Loaders.GetOrAdd<string, PartnerMember?>("PartnerMemberByPairwiseId", () => new(async (ids, ct) =>
            (IReadOnlyDictionary<string, PartnerMember?>)(await lookup.ResolveAsync(caller, ids, ct))
                .ToDictionary(p => p.Key, p => (PartnerMember?)p.Value, StringComparer.Ordinal), null));
    }

    /// <summary>
    /// <c>PartnerMember.coupons</c>: per (member, partner), the member's coupons of that partner's own PARTNER templates —
    /// never another partner's, never the brand's — newest first, at most <see cref="PartnerCoupon.MostListed"/>, with their
    /// status now (optionally only one status). One query per partner in the batch; a request is one partner's, so one
    /// query for all the PartnerMembers of a response. The loader is per status because the argument shapes the query.
    /// </summary>
    public static BatchLoader<(long MemberId, long PartnerId), IReadOnlyList<PartnerCoupon>> PartnerCouponsByMember(
        this IResolveFieldContext context, CouponStatus? status)
    {
        var loaderDb = context.Service<LoaderDb>();
        var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        var key = $"PartnerCouponsByMember:{status}";
        return context.Context().Loaders.GetOrAdd<(long MemberId, long PartnerId), IReadOnlyList<PartnerCoupon>>(key, () => new((keys, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<(long MemberId, long PartnerId), IReadOnlyList<PartnerCoupon>>>(async db =>
            {
                var found = new Dictionary<(long MemberId, long PartnerId), IReadOnlyList<PartnerCoupon>>();
                foreach (var partner in keys.GroupBy(k => k.PartnerId))
                {
                    var members = partner.Select(k => k.MemberId).Distinct().ToList();
                    foreach (var (memberId, coupons) in await SharedCouponsAsync(db, partner.Key, members, status, now, ct))
                    {
                        found[(memberId, partner.Key)] = coupons;
                    }
                }

                return found;
            }, ct), []));
    }

    private static async Task<Dictionary<long, IReadOnlyList<PartnerCoupon>>> SharedCouponsAsync(
        MemberGraphDb db, long partnerId, IReadOnlyList<long> memberIds, CouponStatus? status, DateTime now, CancellationToken ct)
    {
        // the status members see: a coupon past its window is EXPIRED even before the expiry step marked it
        var held = db.Coupons.AsNoTracking().WhereKeyIn(c => c.MemberId, memberIds)
            .Where(c => status == null
                        || ((c.Status == CouponStatus.Available || c.Status == CouponStatus.Reserved) && c.ValidUntil <= now
                            ? CouponStatus.Expired : c.Status) == status);
        var shared =
            from coupon in held
            join template in db.CouponTemplates on coupon.TemplateId equals template.Id
            where template.Kind == CouponKind.Partner && template.PartnerId == partnerId
            select new
            {
                coupon.Id, coupon.MemberId, coupon.Code, coupon.Status, coupon.ValidUntil, template.Name, template.ValueKind,
                template.AmountOffCents, template.DiscountRate, template.GiftDescription, template.ThresholdCents,
            };
        var lists = await shared
            .GroupBy(c => c.MemberId)
            .Select(g => new { MemberId = g.Key, Newest = g.OrderByDescending(c => c.Id).Take(PartnerCoupon.MostListed).ToList() })
            .ToListAsync(ct);
        return lists.ToDictionary(g => g.MemberId, g => (IReadOnlyList<PartnerCoupon>)g.Newest.OrderByDescending(c => c.Id)
            .Select(c => new PartnerCoupon(c.Code, c.Name, c.ValueKind, c.AmountOffCents, c.DiscountRate, c.GiftDescription, c.ThresholdCents,
                Coupon.StatusAt(c.Status, c.ValidUntil, now), c.ValidUntil))
            .ToList());
    }

    /// <summary>Each member's live consents, oldest first.</summary>
    public static BatchLoader<long, IReadOnlyList<PartnerConsent>> PartnerConsentsByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<PartnerConsent>>("PartnerConsentsByMember", () => new((ids, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<PartnerConsent>>>(async db =>
            {
                var rows = await db.PartnerConsents.AsNoTracking().WhereKeyIn(c => c.MemberId, ids).OrderBy(c => c.Id).ToListAsync(ct);
                return rows.GroupBy(c => c.MemberId).ToDictionary(g => g.Key, g => (IReadOnlyList<PartnerConsent>)g.ToList());
            }, ct), []));
    }

    /// <summary>
    /// A page of each member's consent ledger, newest first: one grouped query for all members of the level, up to
    /// <c>First + 1</c> rows each (the extra one says there is a next page).
    /// </summary>
    public static BatchLoader<long, IReadOnlyList<PartnerConsentLedgerEntry>> PartnerConsentLedgerByMember(
        this IResolveFieldContext context, PageRequest page)
    {
        var loaderDb = context.Service<LoaderDb>();
        var take = page.First + 1;
        var after = page.After ?? long.MaxValue;
        var key = $"PartnerConsentLedgerByMember:{take}:{after}";
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<PartnerConsentLedgerEntry>>(key, () => new((ids, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<PartnerConsentLedgerEntry>>>(async db =>
            {
                var rows = await db.PartnerConsentLedger.AsNoTracking()
                    .Where(e => ids.Contains(e.MemberId) && e.Id < after)
                    .GroupBy(e => e.MemberId)
                    .Select(g => new { MemberId = g.Key, Page = g.OrderByDescending(e => e.Id).Take(take).ToList() })
                    .ToListAsync(ct);
                return rows.ToDictionary(
                    g => g.MemberId, g => (IReadOnlyList<PartnerConsentLedgerEntry>)g.Page.OrderByDescending(e => e.Id).ToList());
            }, ct), []));
    }

    public static BatchLoader<long, int> PartnerConsentLedgerCountByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, int>("PartnerConsentLedgerCountByMember", () => new((ids, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<long, int>>(async db =>
                await db.PartnerConsentLedger.AsNoTracking().WhereKeyIn(e => e.MemberId, ids)
                    .GroupBy(e => e.MemberId).Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Count, ct), ct), 0));
    }
}
