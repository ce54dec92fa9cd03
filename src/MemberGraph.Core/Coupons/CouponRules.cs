using MemberGraph.Domain;

namespace MemberGraph.Coupons;

/// <summary>Whether a coupon can be used for an order: its state and window, then the order's store, channel and amount.</summary>
internal static class CouponRules
{
    /// <summary>The coupon's own state at <paramref name="now"/>, for an order <paramref name="orderRef"/>.</summary>
    public static UserError? CheckState(Coupon coupon, DateTime now, string orderRef) => coupon.Status switch
    {
        CouponStatus.Redeemed => CouponErrors.AlreadyRedeemed(),
        CouponStatus.Revoked => CouponErrors.Revoked(),
        CouponStatus.Expired => CouponErrors.Expired(),
        _ when coupon.ValidUntil <= now => CouponErrors.Expired(),
        CouponStatus.Reserved when coupon.ReservedForOrderRef != orderRef => CouponErrors.ReservedForAnotherOrder(),
        _ when coupon.ValidFrom > now => CouponErrors.NotYetValid(coupon.ValidFrom),
        _ => null,
    };

    /// <summary>The order's side: store, channel and amount, each checked when known.</summary>
    public static UserError? CheckOrder(CouponTemplate template, long? storeId, CouponChannel? channel, long? orderAmountCents)
    {
        if (storeId is { } store && !template.IsUsableAtStore(store))
        {
            return CouponErrors.NotUsableAtStore();
        }

        if (channel is { } on && !template.IsUsableOn(on))
        {
            return CouponErrors.NotUsableOnChannel(on);
        }

        return orderAmountCents is { } amount && amount < template.ThresholdCents ? CouponErrors.ThresholdNotMet(template.ThresholdCents) : null;
    }

    public static UserError? CheckOrderRef(string? orderRef) =>
        string.IsNullOrWhiteSpace(orderRef) || orderRef.Length > 100 ? CouponErrors.Invalid("Give the order reference (1 to 100 characters).", "orderRef") : null;
}
