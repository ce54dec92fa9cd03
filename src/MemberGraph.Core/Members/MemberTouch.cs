using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>
/// Marks members as changed (<see cref="Member.TouchedAt"/>) so the incremental tagging run re-evaluates them.
/// Called inside the transaction of the change (orders, refunds, tier changes), so the mark commits with it.
/// </summary>
public static class MemberTouch
{
    // Every order and refund touches its buyer, so the single-member mark skips EF's LINQ pipeline (see SqlWrite).
    private static readonly SqlWrite Touch = new(_ => """UPDATE "Members" SET "TouchedAt" = @now WHERE "Id" = @memberId""",
        SqlArg.Like<Member>("now", nameof(Member.TouchedAt)), SqlArg.Of<long>("memberId"));

    public static Task<int> TouchAsync(MemberGraphDb db, long memberId, DateTime now, CancellationToken cancellationToken) =>
        Touch.ExecuteAsync(db, [now, memberId], cancellationToken);

    public static Task<int> TouchAsync(MemberGraphDb db, IReadOnlyCollection<long> memberIds, DateTime now, CancellationToken cancellationToken) =>
        memberIds.Count == 0
            ? Task.FromResult(0)
            : db.Members.Where(m => memberIds.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.TouchedAt, now), cancellationToken);
}
