using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tiers;

/// <summary>
/// On a merge the survivor keeps the higher of the two levels (the merged member's orders, and so its growth,
/// moved too). Nothing moves, so unmerge has nothing to move back; the next recompute settles both levels.
/// </summary>
public sealed class TierMergeParticipant(TimeProvider clock) : IMergeParticipant
{
    public string Kind => "tiers";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var tiers = await db.MemberTiers.Where(t => t.MemberId == fromMemberId || t.MemberId == toMemberId).ToListAsync(cancellationToken);
        var merged = tiers.FirstOrDefault(t => t.MemberId == fromMemberId);
        if (merged is null || merged.Level == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var survivor = tiers.FirstOrDefault(t => t.MemberId == toMemberId);
        if (survivor is null)
        {
            survivor = new MemberTier { MemberId = toMemberId, Level = 0, Since = now };
            db.MemberTiers.Add(survivor);
        }

        if (merged.Level > survivor.Level)
        {
            db.TierChanges.Add(new TierChange { MemberId = toMemberId, FromLevel = survivor.Level, ToLevel = merged.Level, Reason = TierChangeReason.Merge, At = now });
            survivor.Level = merged.Level;
            survivor.Since = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken) => Task.CompletedTask;
}
