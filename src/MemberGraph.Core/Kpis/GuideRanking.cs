using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Guides;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Kpis;

/// <summary>What guides are ranked by; each has one grouped query in <see cref="GuideRanking.Figures"/>.</summary>
public enum GuideRankingMetric
{
    /// <summary>Attributed sales: paid minus refunded cents of the orders attributed to the guide, paid in the period.</summary>
    Sales = 1,

    /// <summary>Commission earned in the period, net of clawbacks.</summary>
    Commission = 2,

    /// <summary>Customers won in the period (exclusive relationships begun other than by transfer).</summary>
    NewCustomers = 3,

    /// <summary>Guide tasks due in the period that the guide completed (see <see cref="TaskFigures"/>).</summary>
    TasksDone = 4,
}

/// <summary>One guide's place: <see cref="Rank"/> is 1 + the number of guides with a strictly higher value (ties share a rank).</summary>
public sealed record GuideRankingEntry(int Rank, Guide Guide, long Value, IReadOnlyDictionary<GuideRankingMetric, long> Figures);

/// <summary>
/// <c>guideRanking(storeId, from, to, by, first)</c>: the guides who worked at the store in the period (active, or resigned
/// on or after its first day), highest value first, ties by guide id; every metric's figure comes with each entry.
/// One grouped query per metric over the store's guides, whatever their number.
/// </summary>
public sealed class GuideRanking(IDbContextFactory<MemberGraphDb> factory)
{
    public const int MaxFirst = 100;

    /// <summary>Per metric, the query giving each guide's figure (guides without rows have 0).</summary>
    private static readonly IReadOnlyDictionary<GuideRankingMetric, Func<MemberGraphDb, IReadOnlyCollection<long>, KpiPeriod, IQueryable<GuideSum>>> Figures =
        new Dictionary<GuideRankingMetric, Func<MemberGraphDb, IReadOnlyCollection<long>, KpiPeriod, IQueryable<GuideSum>>>
        {
            [GuideRankingMetric.Sales] = KpiAggregates.AttributedSalesByGuide,
            [GuideRankingMetric.Commission] = KpiAggregates.CommissionByGuide,
            [GuideRankingMetric.NewCustomers] = KpiAggregates.NewCustomerCountsByGuide,
            [GuideRankingMetric.TasksDone] = KpiAggregates.TasksDoneByGuide,
        };

    public async Task<IReadOnlyList<GuideRankingEntry>?> RankAsync(Caller caller, long storeId, KpiPeriod period, GuideRankingMetric by, int first,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var callerGuideStoreId = caller.Is(Roles.Guide) && caller.GuideId is { } callerGuideId
            ? await db.Guides.Where(g => g.Id == callerGuideId).Select(g => (long?)g.StoreId).FirstOrDefaultAsync(cancellationToken)
            : null;
        KpiAccess.EnsureMaySeeRanking(caller, storeId, callerGuideStoreId);
        if (!await db.Stores.AnyAsync(s => s.Id == storeId, cancellationToken))
        {
            return null;
        }

        var start = period.StartUtc;
        var guides = await db.Guides.AsNoTracking()
            .Where(g => g.StoreId == storeId && (g.Status == GuideStatus.Active || g.ResignedAt == null || g.ResignedAt >= start))
            .ToListAsync(cancellationToken);
        var ids = guides.Select(g => g.Id).ToList();
        var figures = new Dictionary<GuideRankingMetric, Dictionary<long, long>>();
        foreach (var (metric, query) in Figures)
        {
            figures[metric] = ids.Count == 0 ? [] : await query(db, ids, period).ToDictionaryAsync(s => s.GuideId, s => s.Value, cancellationToken);
        }

        var rows = guides
            .Select(g => (Guide: g, Figures: (IReadOnlyDictionary<GuideRankingMetric, long>)figures.ToDictionary(f => f.Key, f => f.Value.GetValueOrDefault(g.Id))))
            .Select(r => (r.Guide, r.Figures, Value: r.Figures[by]))
            .OrderByDescending(r => r.Value).ThenBy(r => r.Guide.Id)
            .ToList();
        return rows.Take(first)
            .Select(r => new GuideRankingEntry(1 + rows.Count(o => o.Value > r.Value), r.Guide, r.Value, r.Figures))
            .ToList();
    }
}
