using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>
/// Why an issue is refused, worked out after its stock UPDATE rather than by reads before it, and answered in the order the
/// checks have always had: template, claimability, member, withdrawal, end, stock. Only a refusal reads here.
/// </summary>
internal static class CouponIssueRefusals
{
    public const string NotClaimable = "This coupon can't be claimed; it is sent by guides, exchanged for points or issued by campaigns.";
    public const string NotExchangeable = "This coupon can't be exchanged for points.";

    /// <summary>
    /// Why a template that gave stock refuses this issue (claimability, price, end): null when it does not. A claim by a
    /// member who is gone (<paramref name="claimingMemberId"/>) hears MEMBER_NOT_FOUND before TEMPLATE_ENDED.
    /// </summary>
    public static async Task<UserError?> OfTemplateAsync(MemberGraphDb db, CouponTemplate template, CouponSource source, long? claimingMemberId, DateTime now,
        CancellationToken ct)
    {
        if (source == CouponSource.Claim && !template.Claimable)
        {
            return CouponErrors.NotClaimable(NotClaimable);
        }

        if (source == CouponSource.Exchange && template.PointsPrice is not > 0)
        {
            return CouponErrors.NotClaimable(NotExchangeable);
        }

        if (!template.HasEnded(now))
        {
            return null;
        }

        return await IsGoneAsync(db, claimingMemberId, ct) ? CouponErrors.MemberNotFound() : CouponErrors.TemplateEnded();
    }

    /// <summary>Why the stock UPDATE took nothing: no such template, not claimable, member gone, withdrawn, ended, or sold out.</summary>
    public static async Task<UserError> WhyNoStockAsync(MemberGraphDb db, long templateId, CouponSource source, long? claimingMemberId, DateTime now,
        CancellationToken ct)
    {
        var template = await db.CouponTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct);
        if (template is null)
        {
            return CouponErrors.TemplateNotFound();
        }

        if (source == CouponSource.Claim && !template.Claimable)
        {
            return CouponErrors.NotClaimable(NotClaimable);
        }

        if (await IsGoneAsync(db, claimingMemberId, ct))
        {
            return CouponErrors.MemberNotFound();
        }

        if (template.Status != CouponTemplateStatus.Active)
        {
            return CouponErrors.NotClaimable("This coupon has been withdrawn.");
        }

        return template.HasEnded(now) ? CouponErrors.TemplateEnded() : CouponErrors.OutOfStock();
    }

    private static async Task<bool> IsGoneAsync(MemberGraphDb db, long? claimingMemberId, CancellationToken ct) =>
        claimingMemberId is { } member && await CouponHolders.ResolveAsync(db, member, ct) is null;
}
