using MemberGraph.Domain;

namespace MemberGraph.Coupons;

/// <summary>The business refusals of the coupon mutations, worded once.</summary>
public static class CouponErrors
{
    public static UserError TemplateNotFound(string field = "templateId") =>
        new(UserErrorCode.NotFound, "There is no such coupon template.", field);

    public static UserError CouponNotFound(string field) =>
        new(UserErrorCode.NotFound, "There is no coupon with that code or id.", field);

    public static UserError MemberNotFound(string field = "memberId") =>
        new(UserErrorCode.NotFound, "There is no such member.", field);

    public static UserError OutOfStock() =>
        new(UserErrorCode.OutOfStock, "This coupon has run out.", "templateId");

    public static UserError LimitReached(int limit) =>
        new(UserErrorCode.CouponLimitReached, $"A member can hold at most {limit} of this coupon.", "templateId");

    public static UserError NotClaimable(string why) =>
        new(UserErrorCode.CouponNotClaimable, why, "templateId");

    public static UserError TemplateEnded() =>
        new(UserErrorCode.CouponExpired, "This coupon's validity window has ended; no more can be issued.", "templateId");

    public static UserError NotYourCustomer() =>
        new(UserErrorCode.NotYourCustomer, "You can only send coupons to your own customers.", "memberId");

    public static UserError AlreadyRedeemed() =>
        new(UserErrorCode.CouponAlreadyRedeemed, "This coupon has already been written off.", "code");

    public static UserError Expired() =>
        new(UserErrorCode.CouponExpired, "This coupon has expired.", "code");

    public static UserError Revoked() =>
        new(UserErrorCode.CouponNotUsable, "This coupon has been revoked.", "code");

    public static UserError NotYetValid(DateTime from) =>
        new(UserErrorCode.CouponNotUsable, $"This coupon can be used from {from:yyyy-MM-dd HH:mm} UTC.", "code");

    public static UserError ReservedForAnotherOrder() =>
        new(UserErrorCode.CouponReserved, "This coupon is reserved for another order in payment.", "orderRef");

    public static UserError NotUsableAtStore() =>
        new(UserErrorCode.CouponNotUsable, "This coupon can't be used at this store.", "storeId");

    public static UserError NotUsableOnChannel(CouponChannel channel) =>
        new(UserErrorCode.CouponNotUsable, $"This coupon can't be used on {channel}.", "channel");

    public static UserError ThresholdNotMet(long thresholdCents) =>
        new(UserErrorCode.ThresholdNotMet, $"The order must be at least {thresholdCents / 100m:0.00} yuan for this coupon.", "orderAmountCents");

    public static UserError KeyUsedForAnotherTemplate() =>
        new(UserErrorCode.IdempotencyConflict, "This idempotency key was already used to exchange for another coupon.", "idempotencyKey");

    public static UserError Invalid(string message, string field) => new(UserErrorCode.InvalidInput, message, field);
}
