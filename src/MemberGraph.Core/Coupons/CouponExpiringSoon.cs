using MemberGraph.Domain;

namespace MemberGraph.Coupons;

/// <summary>A coupon was announced as expiring soon (once per coupon, by the coupon-expiry job), in the transaction that marked it.</summary>
public sealed record CouponExpiringSoon(long CouponId, long MemberId, DateTime ValidUntil, DateTime OccurredAt) : IDomainEvent;
