namespace MemberGraph.Coupons;

/// <summary>
/// What a store's till can tell of a coupon before the order amount is known: whether <c>redeemCoupon</c> there would
/// pass the coupon's state and window and the template's stores and channels (POS) — the same rules as the write-off,
/// leaving only the threshold, which needs the amount.
/// </summary>
public static class CouponTill
{
    public static bool IsUsableAt(Coupon coupon, CouponTemplate template, long storeId, DateTime now) =>
        // No order is named yet: a coupon reserved for an order in payment is held for that order, not usable here.
        CouponRules.CheckState(coupon, now, orderRef: "") is null
        && CouponRules.CheckOrder(template, storeId, CouponChannel.Pos, orderAmountCents: null) is null;
}
