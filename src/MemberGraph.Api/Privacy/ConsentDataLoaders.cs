using GraphQL;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy;

/// <summary>Batched reads of consents: one query per level of the GraphQL query, whatever the number of members.</summary>
public static class ConsentDataLoaders
{
    /// <summary>Each member's marketing consents now (subscribe-message rows with acceptances left, guide outreach), oldest first.</summary>
    public static BatchLoader<long, IReadOnlyList<MarketingConsent>> MarketingConsentsByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<MarketingConsent>>("MarketingConsentsByMember", () => new((ids, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<MarketingConsent>>>(async db =>
            {
                var rows = await db.MarketingConsents.AsNoTracking().WhereKeyIn(c => c.MemberId, ids)
                    .Where(c => c.Remaining == null || c.Remaining > 0)
                    .OrderBy(c => c.Id)
                    .ToListAsync(ct);
                return rows.GroupBy(c => c.MemberId).ToDictionary(g => g.Key, g => (IReadOnlyList<MarketingConsent>)g.ToList());
            }, ct), []));
    }

    /// <summary>
    /// A page of each member's consent ledger, newest first: one grouped query for all members of the level, up to
    /// <c>First + 1</c> rows each (the extra one says there is a next page).
    /// </summary>
    public static BatchLoader<long, IReadOnlyList<ConsentLedgerEntry>> ConsentLedgerByMember(this IResolveFieldContext context, PageRequest page)
    {
        var loaderDb = context.Service<LoaderDb>();
        var take = page.First + 1;
        var after = page.After ?? long.MaxValue;
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<ConsentLedgerEntry>>($"ConsentLedgerByMember:{take}:{after}", () => new((ids, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<ConsentLedgerEntry>>>(async db =>
            {
                var rows = await db.ConsentLedger.AsNoTracking()
                    .Where(e => ids.Contains(e.MemberId) && e.Id < after)
                    .GroupBy(e => e.MemberId)
                    .Select(g => new { MemberId = g.Key, Page = g.OrderByDescending(e => e.Id).Take(take).ToList() })
                    .ToListAsync(ct);
                return rows.ToDictionary(g => g.MemberId, g => (IReadOnlyList<ConsentLedgerEntry>)g.Page.OrderByDescending(e => e.Id).ToList());
            }, ct), []));
    }

    public static BatchLoader<long, int> ConsentLedgerCountByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, int>("ConsentLedgerCountByMember", () => new((ids, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<long, int>>(async db =>
                await db.ConsentLedger.AsNoTracking().WhereKeyIn(e => e.MemberId, ids)
                    .GroupBy(e => e.MemberId).Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Count, ct), ct), 0));
    }
}
