using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>
/// Who actually receives a coupon: the member, or — when that member was merged — the survivor the tombstone
/// points to. Per-member limits then count the survivor's coupons (by member id, never by phone or openid).
/// </summary>
internal static class CouponHolders
{
    private const int MaxMergeHops = 5;

    /// <summary>The active member that holds coupons for <paramref name="memberId"/>; null when none (unknown or erased).</summary>
    public static async Task<long?> ResolveAsync(MemberGraphDb db, long memberId, CancellationToken ct)
    {
        var id = memberId;
        for (var hop = 0; hop <= MaxMergeHops; hop++)
        {
            var member = await db.Members.AsNoTracking()
                .Where(m => m.Id == id)
                .Select(m => new { m.Status, m.MergedIntoId })
                .FirstOrDefaultAsync(ct);
            switch (member)
            {
                case null:
                    return null;
                case { Status: MemberStatus.Active }:
                    return id;
                case { Status: MemberStatus.Merged, MergedIntoId: { } survivor }:
                    id = survivor;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }
}
