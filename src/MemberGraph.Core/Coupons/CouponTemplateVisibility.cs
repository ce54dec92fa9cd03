using MemberGraph.Auth;

namespace MemberGraph.Coupons;

/// <summary>
/// Which coupon templates a caller may see, as a query filter shared by <c>couponTemplates</c> and <c>node(id:)</c>:
/// members only what they can get now (active, open, in stock, claimable or exchangeable); guides and staff every active
/// template; a partner its own benefits; admins all; anyone else none.
/// </summary>
public static class CouponTemplateVisibility
{
    public static IQueryable<CouponTemplate> VisibleTo(this IQueryable<CouponTemplate> templates, Caller caller, DateTime now) => caller.Role switch
    {
        Roles.Admin => templates,
        Roles.Member => templates.Where(t => t.Status == CouponTemplateStatus.Active && (t.Claimable || t.PointsPrice != null)
                                             && t.Issued < t.TotalStock && (t.ValidDaysAfterIssue != null || t.ValidUntil > now)),
        Roles.Guide or Roles.Staff => templates.Where(t => t.Status == CouponTemplateStatus.Active),
        Roles.Partner when caller.PartnerId is { } partner => templates.Where(t => t.PartnerId == partner),
        _ => templates.Where(_ => false),
    };
}
