using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// Who gets a member's task: the member's exclusive guide while that guide is active, else a guide of the member's
/// service store chosen in turn — member id modulo the store's active guides ordered by id, so the same member and
/// the same guides give the same guide on every run (a restart assigns exactly as the first attempt would).
/// The service store is the store of the exclusive guide (also a resigned one, whose customers wait for a transfer),
/// else the store of the member's latest in-store order.
/// </summary>
public sealed class GuideRota
{
    private readonly HashSet<long> _active;
    private readonly Dictionary<long, long> _storeOf;
    private readonly Dictionary<long, long[]> _guidesByStore;

    private GuideRota(IReadOnlyList<(long GuideId, long StoreId)> activeGuides)
    {
        _active = activeGuides.Select(g => g.GuideId).ToHashSet();
        _storeOf = activeGuides.ToDictionary(g => g.GuideId, g => g.StoreId);
        _guidesByStore = activeGuides.GroupBy(g => g.StoreId).ToDictionary(g => g.Key, g => g.Select(x => x.GuideId).Order().ToArray());
    }

    /// <summary>Every active guide, once per fill (a few hundred rows for a chain).</summary>
    public static async Task<GuideRota> LoadAsync(MemberGraphDb db, CancellationToken cancellationToken)
    {
        var rows = await db.Guides.AsNoTracking().Where(g => g.Status == GuideStatus.Active)
            .Select(g => new { g.Id, g.StoreId }).ToListAsync(cancellationToken);
        return Of(rows.ConvertAll(r => (r.Id, r.StoreId)));
    }

    /// <summary>The rota of these active guides (guide id, store id).</summary>
    public static GuideRota Of(IReadOnlyList<(long GuideId, long StoreId)> activeGuides) => new(activeGuides);

    public (long? GuideId, long? StoreId, GuideTaskRoute Route) Assign(TaskCandidate candidate)
    {
        if (candidate.ExclusiveGuideId is { } exclusive && _active.Contains(exclusive))
        {
            return (exclusive, _storeOf[exclusive], GuideTaskRoute.ExclusiveGuide);
        }

        var store = candidate.ExclusiveGuideStoreId ?? candidate.LastOrderStoreId;
        if (store is { } storeId && _guidesByStore.TryGetValue(storeId, out var guides))
        {
            return (guides[(int)(candidate.MemberId % guides.Length)], storeId, GuideTaskRoute.StoreRota);
        }

        return (null, null, GuideTaskRoute.None);
    }
}
