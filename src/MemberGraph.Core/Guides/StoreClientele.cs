using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Guides;

/// <summary>
/// The members a store serves (DESIGN.md "Roles and who sees what"): its exclusive customers — members whose exclusive
/// guide works there, so it is their service store — and buyers at the store within
/// <see cref="GuideOptions.StoreAssignmentWindowDays"/>. One rule for what staff may do to members they did not identify
/// at the till: assign them a guide (<see cref="StoreAssignment"/>) and refetch their coupons by id.
/// </summary>
public sealed class StoreClientele(IOptions<GuideOptions> options, TimeProvider clock)
{
    public int WindowDays => options.Value.StoreAssignmentWindowDays;

    /// <summary>Why the store serves the member, for an audit line; null when it does not (or the member is unknown).</summary>
    public async Task<string?> WhyServedAsync(MemberGraphDb db, long storeId, long memberId, CancellationToken cancellationToken)
    {
        var exclusiveHere = await db.GuideRelationships.AnyAsync(r => r.MemberId == memberId && r.Kind == GuideRelationshipKind.Exclusive
            && r.EndedAt == null && db.Guides.Any(g => g.Id == r.GuideId && g.StoreId == storeId), cancellationToken);
        if (exclusiveHere)
        {
            return "the store's exclusive customer";
        }

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-WindowDays);
        return await db.Orders.AnyAsync(o => o.MemberId == memberId && o.StoreId == storeId && o.PaidAt >= since, cancellationToken)
            ? $"bought at the store within {WindowDays} days"
            : null;
    }
}
