using MemberGraph.Domain;

namespace MemberGraph.Coupons;

/// <summary>A coupon was issued to a member — claimed, sent by a guide or exchanged for points — in the issuing transaction.</summary>
public sealed record CouponIssued(Coupon Coupon) : IDomainEvent;
