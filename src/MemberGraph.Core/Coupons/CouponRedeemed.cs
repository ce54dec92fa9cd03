using MemberGraph.Domain;

namespace MemberGraph.Coupons;

/// <summary>
/// A coupon was written off (核销) for an order, in the write-off's transaction; <see cref="Coupon"/> is as the
/// write-off left it.
/// </summary>
public sealed record CouponRedeemed(Coupon Coupon) : IDomainEvent;
