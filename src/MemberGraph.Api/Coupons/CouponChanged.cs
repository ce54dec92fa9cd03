using MemberGraph.Realtime;

namespace MemberGraph.Coupons;

/// <summary>A member's coupon changed: published to "member:{id}" after the change committed.</summary>
public sealed record CouponChanged(long MemberId, long CouponId, long TemplateId, CouponChange Change, CouponStatus Status, DateTime ValidUntil, DateTime OccurredAt)
    : DomainEvent($"member:{MemberId}", OccurredAt);

public enum CouponChange
{
    Issued = 1,
    Reserved = 2,
    Released = 3,
    Redeemed = 4,
    Expired = 5,
    ExpiringSoon = 6,
}
