using GraphQL;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tiers;

/// <summary>A member's tier as read: the kept level and the growth now.</summary>
public sealed record TierView(int Level, long Growth, DateTime? Since);

public static class TierDataLoaders
{
    /// <summary>Levels and growth of all members of the level: two queries per batch (tier rows, growth sums).</summary>
    public static BatchLoader<long, TierView> TierByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        var tiers = context.Service<TierService>();
        var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        return context.Context().Loaders.GetOrAdd<long, TierView>("TierByMember", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, TierView>>(async db =>
        {
            if (ids.Count == 1)
            {
                // One member (me, node): compiled single-row reads, cheaper than the grouped forms.
                var id = ids[0];
                var tier = await TierReads.TierOf(db, id);
                var own = await tiers.GrowthAsync(db, id, now, ct);
                return new Dictionary<long, TierView> { [id] = new(tier?.Level ?? 0, own, tier?.Since) };
            }

            var levels = await db.MemberTiers.AsNoTracking().WhereKeyIn(t => t.MemberId, ids).ToDictionaryAsync(t => t.MemberId, ct);
            var growth = await tiers.GrowthAsync(db, ids.ToList(), now, ct);
            return ids.ToDictionary(id => id, id => levels.TryGetValue(id, out var tier)
                ? new TierView(tier.Level, growth.GetValueOrDefault(id), tier.Since)
                : new TierView(0, growth.GetValueOrDefault(id), null));
        }, ct), new TierView(0, 0, null)));
    }
}
