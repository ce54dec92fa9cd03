using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// Completion figures, each one GROUP BY over the (CampaignId, Status) index: per campaign (for a page of campaigns at
/// once), and per store or per guide within a campaign (optionally one store's only, for its staff).
/// </summary>
public sealed class GuideTaskRates(IDbContextFactory<MemberGraphDb> factory)
{
    public async Task<Dictionary<long, GuideTaskFigures>> ForCampaignsAsync(IReadOnlyCollection<long> campaignIds, long? storeId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Tasks(db, storeId).Where(t => campaignIds.Contains(t.CampaignId!.Value))
            .GroupBy(t => new { t.CampaignId, t.Status })
            .Select(g => new { g.Key.CampaignId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return campaignIds.ToDictionary(id => id, id => GuideTaskFigures.From(rows.Where(r => r.CampaignId == id).Select(r => (r.Status, r.Count))));
    }

    public async Task<List<GuideTaskBreakdown>> ByStoreAsync(long campaignId, long? storeId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Tasks(db, storeId).Where(t => t.CampaignId == campaignId && t.StoreId != null)
            .GroupBy(t => new { t.StoreId, t.Status })
            .Select(g => new { Id = g.Key.StoreId!.Value, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return Breakdown(rows.Select(r => (r.Id, r.Status, r.Count)));
    }

    public async Task<List<GuideTaskBreakdown>> ByGuideAsync(long campaignId, long? storeId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Tasks(db, storeId).Where(t => t.CampaignId == campaignId && t.GuideId != null)
            .GroupBy(t => new { t.GuideId, t.Status })
            .Select(g => new { Id = g.Key.GuideId!.Value, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return Breakdown(rows.Select(r => (r.Id, r.Status, r.Count)));
    }

    private static IQueryable<GuideTask> Tasks(MemberGraphDb db, long? storeId) =>
        storeId is { } store ? db.GuideTasks.AsNoTracking().Where(t => t.StoreId == store) : db.GuideTasks.AsNoTracking();

    private static List<GuideTaskBreakdown> Breakdown(IEnumerable<(long Id, GuideTaskStatus Status, long Count)> rows) =>
        rows.GroupBy(r => r.Id).OrderBy(g => g.Key)
            .Select(g => new GuideTaskBreakdown(g.Key, GuideTaskFigures.From(g.Select(r => (r.Status, r.Count)))))
            .ToList();
}
