using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>
/// OneID merges move the merged member's coupons to the survivor (so per-member limits then count them there)
/// and an unmerge moves exactly those coupons back. Runs inside the merge transaction.
/// </summary>
public sealed class CouponMergeParticipant : IMergeParticipant
{
    public string Kind => "coupons";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var ids = await db.Coupons.Where(c => c.MemberId == fromMemberId).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        await db.Coupons.Where(c => c.MemberId == fromMemberId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MemberId, toMemberId), cancellationToken);
        return ids;
    }

    public async Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowIds.Chunk(500))
        {
            await db.Coupons.Where(c => chunk.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.MemberId, toMemberId), cancellationToken);
        }
    }
}
