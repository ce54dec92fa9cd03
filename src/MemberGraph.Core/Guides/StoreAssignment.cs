using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>
/// What staff may do with <c>bindGuide(source: STORE_ASSIGNMENT)</c> (DESIGN.md "Roles and who sees what"): assign a guide
/// of their own store only to a member that store serves (<see cref="StoreClientele"/>) and only while the member has
/// no exclusive guide. Without this, any staff token could make any member its store's exclusive customer, then read
/// their record and earn commission on their marketplace orders. Changing an exclusive guide is a transfer (<c>transferCustomers</c>).
/// </summary>
public sealed class StoreAssignment(StoreClientele clientele)
{
    /// <summary>
    /// Refuses with AUTH_NOT_AUTHORIZED unless the store serves the member ("unknown" and "not served" alike, so staff
    /// cannot probe member ids). Returns why the store serves them, for the audit line.
    /// </summary>
    public async Task<string> EnsureServedAsync(MemberGraphDb db, long storeId, long memberId, CancellationToken cancellationToken) =>
        await clientele.WhyServedAsync(db, storeId, memberId, cancellationToken)
        ?? throw RequestRefusedException.NotAuthorized(
            $"assign a guide to a member your store does not serve (its exclusive customers and buyers of the last {clientele.WindowDays} days)");

    /// <summary>The member's open exclusive relationship, when there is one.</summary>
    public static Task<GuideRelationship?> ExclusiveOfAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        db.GuideRelationships.AsNoTracking()
            .FirstOrDefaultAsync(r => r.MemberId == memberId && r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null, cancellationToken);

    public static UserError ExclusiveGuideExists() =>
        new(UserErrorCode.ExclusiveGuideExists, "The member already has an exclusive guide; changing it is a customer transfer (transferCustomers).", "memberId");
}
