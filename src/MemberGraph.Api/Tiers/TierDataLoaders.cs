using GraphQL;
using MemberGraph.Data;
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
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        var tiers = context.Service<TierService>();
        var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        return context.Context().Loaders.GetOrAdd<long, TierView>("TierByMember", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var levels = await db.MemberTiers.AsNoTracking().Where(t => ids.Contains(t.MemberId)).ToDictionaryAsync(t => t.MemberId, ct);
            var growth = await tiers.GrowthAsync(db, ids.ToList(), now, ct);
            return ids.ToDictionary(id => id, id => levels.TryGetValue(id, out var tier)
                ? new TierView(tier.Level, growth.GetValueOrDefault(id), tier.Since)
                : new TierView(0, growth.GetValueOrDefault(id), null));
        }, new TierView(0, 0, null)));
    }
}
