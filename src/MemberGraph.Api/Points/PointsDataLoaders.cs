using GraphQL;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>Points that expire together: how many, and when.</summary>
public sealed record PointsExpiry(long Amount, DateTime At);

/// <summary>Batched reads of points: one query per level of the GraphQL query, whatever the number of members.</summary>
public static class PointsDataLoaders
{
    public static BatchLoader<long, PointsAccount> AccountByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, PointsAccount>("PointsAccountByMember", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, PointsAccount>>(async db =>
        {
            if (ids.Count == 1)
            {
                var account = await PointsReads.AccountOf(db, ids[0]);
                return account is null ? new Dictionary<long, PointsAccount>() : new Dictionary<long, PointsAccount> { [ids[0]] = account };
            }

            return await db.PointsAccounts.AsNoTracking().WhereKeyIn(a => a.MemberId, ids).ToDictionaryAsync(a => a.MemberId, ct);
        }, ct), new PointsAccount()));
    }

    /// <summary>Available points expiring before the horizon, grouped by expiry instant, soonest first.</summary>
    public static BatchLoader<long, IReadOnlyList<PointsExpiry>> ExpiringSoonByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        var horizon = context.Service<EarnRules>().ExpiringSoonHorizon(context.Service<TimeProvider>().GetUtcNow().UtcDateTime);
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<PointsExpiry>>("PointsExpiringSoonByMember", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<PointsExpiry>>>(async db =>
        {
            var rows = await db.PointsLots.AsNoTracking()
                .Where(l => ids.Contains(l.MemberId) && l.Status == PointsLotStatus.Available && l.Remaining > 0 && l.ExpiresAt <= horizon)
                .GroupBy(l => new { l.MemberId, l.ExpiresAt })
                .Select(g => new { g.Key.MemberId, g.Key.ExpiresAt, Amount = g.Sum(l => l.Remaining) })
                .ToListAsync(ct);
            return rows.GroupBy(r => r.MemberId).ToDictionary(g => g.Key,
                g => (IReadOnlyList<PointsExpiry>)g.OrderBy(r => r.ExpiresAt).Select(r => new PointsExpiry(r.Amount, r.ExpiresAt)).ToList());
        }, ct), []));
    }

    /// <summary>A page of each member's ledger, newest first, in one windowed query (ROW_NUMBER per member) for all members of the level.</summary>
    public static BatchLoader<long, IReadOnlyList<PointsEntry>> LedgerByMember(this IResolveFieldContext context, PageRequest page)
    {
        var loaderDb = context.Service<LoaderDb>();
        var take = page.First + 1;
        var after = page.After ?? long.MaxValue;
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<PointsEntry>>($"PointsLedgerByMember:{take}:{after}", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<PointsEntry>>>(async db =>
        {
            if (ids.Count == 1)
            {
                var memberId = ids[0];
                var page = await db.PointsEntries.AsNoTracking().Where(e => e.MemberId == memberId && e.Id < after).OrderByDescending(e => e.Id).Take(take).ToListAsync(ct);
                return new Dictionary<long, IReadOnlyList<PointsEntry>> { [memberId] = page };
            }

            var rows = await db.PointsEntries.AsNoTracking()
                .Where(e => ids.Contains(e.MemberId) && e.Id < after)
                .GroupBy(e => e.MemberId)
                .Select(g => new { MemberId = g.Key, Page = g.OrderByDescending(e => e.Id).Take(take).ToList() })
                .ToListAsync(ct);
            return rows.ToDictionary(g => g.MemberId, g => (IReadOnlyList<PointsEntry>)g.Page.OrderByDescending(e => e.Id).ToList());
        }, ct), []));
    }

    public static BatchLoader<long, int> LedgerCountByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, int>("PointsLedgerCountByMember", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, int>>(async db =>
            await db.PointsEntries.AsNoTracking().WhereKeyIn(e => e.MemberId, ids)
                .GroupBy(e => e.MemberId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct), ct), 0));
    }
}
