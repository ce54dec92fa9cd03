using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>
/// Marks members as changed (<see cref="Member.TouchedAt"/>) so the incremental tagging run re-evaluates them.
/// Called inside the transaction of the change (orders, refunds, tier changes), so the mark commits with it.
/// </summary>
public static class MemberTouch
{
    public static Task<int> TouchAsync(MemberGraphDb db, long memberId, DateTime now, CancellationToken cancellationToken) =>
        db.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.TouchedAt, now), cancellationToken);

    public static Task<int> TouchAsync(MemberGraphDb db, IReadOnlyCollection<long> memberIds, DateTime now, CancellationToken cancellationToken) =>
        memberIds.Count == 0
            ? Task.FromResult(0)
            : db.Members.Where(m => memberIds.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.TouchedAt, now), cancellationToken);
}
