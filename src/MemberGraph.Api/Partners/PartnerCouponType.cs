using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Partners;

/// <summary>
/// A coupon of a partner's own PARTNER benefit, as that partner sees it on <c>PartnerMember.coupons</c>: what it gives,
/// its code to redeem at the partner's counter, its status and end of window. No coupon id, no holder: the partner knows
/// the holder by the pairwise id of the member it was read on.
/// </summary>
public sealed record PartnerCoupon(
    string Code, string Name, CouponValueKind ValueKind, long? AmountOffCents, int? DiscountRate, string? GiftDescription,
    long ThresholdCents, CouponStatus Status, DateTime ValidUntil)
{
    /// <summary>The most coupons one member's list shows (the newest).</summary>
    public const int MostListed = 100;
}

public sealed class PartnerCouponType : ObjectGraphType<PartnerCoupon>
{
    public PartnerCouponType()
    {
        Name = "PartnerCoupon";
        Description = "A coupon of this partner's own benefit held by the member: what it gives, the code to redeem at the partner's " +
                      "counter, its status and when it ends. Read on PartnerMember.coupons (scope benefits:read).";
        this.ReadableBy(Roles.Partner);
        Field<NonNullGraphType<StringGraphType>>("code")
            .Description("The code the member shows and the partner redeems (XXXX-XXXX-XXXX-XXXX), in full.")
            .Resolve(ctx => CouponCode.Format(ctx.Source.Code));
        Field(c => c.Name).Description("The benefit's name, as the member sees it (e.g. 停车2小时).");
        Field<NonNullGraphType<CouponValueKindType>>("valueKind").Description("AMOUNT_OFF, DISCOUNT or GIFT: which value field is set.")
            .Resolve(ctx => ctx.Source.ValueKind);
        Field<LongGraphType>("amountOffCents").Description("Cents taken off (AMOUNT_OFF).").Resolve(ctx => ctx.Source.AmountOffCents);
        Field<IntGraphType>("discountRate").Description("Percentage of the price paid (DISCOUNT): 85 means 15% off.")
            .Resolve(ctx => ctx.Source.DiscountRate);
        Field<StringGraphType>("giftDescription").Description("The gift in words (GIFT).").Resolve(ctx => ctx.Source.GiftDescription);
        Field<NonNullGraphType<LongGraphType>>("thresholdCents").Description("Minimum spend in cents for it to apply (0: none).")
            .Resolve(ctx => ctx.Source.ThresholdCents);
        Field<NonNullGraphType<CouponStatusType>>("status")
            .Description("The status now: AVAILABLE to redeem, RESERVED, REDEEMED, EXPIRED (past its window even before the expiry step " +
                         "ran) or REVOKED.")
            .Resolve(ctx => ctx.Source.Status);
        Field(c => c.ValidUntil).Description("Usable until (UTC, exclusive).");
    }
}
