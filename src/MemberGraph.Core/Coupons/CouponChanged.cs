using System.ComponentModel;
using MemberGraph.Realtime;

namespace MemberGraph.Coupons;

/// <summary>A member's coupon changed: published to "member:{id}" after the change committed.</summary>
public sealed record CouponChanged(long MemberId, long CouponId, long TemplateId, CouponChange Change, CouponStatus Status, DateTime ValidUntil, DateTime OccurredAt)
    : IntegrationEvent($"member:{MemberId}", OccurredAt)
{
    /// <summary>The change as the coupon stands after it.</summary>
    public static CouponChanged Of(Coupon coupon, CouponChange change, DateTime occurredAt) =>
        new(coupon.MemberId, coupon.Id, coupon.TemplateId, change, coupon.Status, coupon.ValidUntil, occurredAt);
}

public enum CouponChange
{
    [Description("The member got it: claimed, sent by a guide, or exchanged for points.")]
    Issued = 1,

    [Description("Held for an order in payment.")]
    Reserved = 2,

    [Description("Usable again: the payment was cancelled, or the order it was used on or reserved for was refunded in full.")]
    Released = 3,

    [Description("Written off at the till or online.")]
    Redeemed = 4,

    [Description("Its window closed unused (or closed before a full refund gave it back).")]
    Expired = 5,

    [Description("A reminder: its window closes soon.")]
    ExpiringSoon = 6,
}
