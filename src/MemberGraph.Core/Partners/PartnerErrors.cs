using MemberGraph.Domain;

namespace MemberGraph.Partners;

/// <summary>The business refusals of the partner mutations, worded once.</summary>
public static class PartnerErrors
{
    public static UserError PartnerNotFound(string field = "partnerId") =>
        new(UserErrorCode.NotFound, "There is no such partner.", field);

    public static UserError Suspended() =>
        new(UserErrorCode.PartnerSuspended, "This partner is suspended: nothing can be shared with it for now.", "partnerId");

    public static UserError NameTaken(string name) =>
        new(UserErrorCode.PartnerNameTaken, $"A partner named '{name}' is registered already.", "name");

    public static UserError NameInvalid() =>
        new(UserErrorCode.InvalidInput, "A partner name has 1 to 100 characters.", "name");

    public static UserError NoScopes() =>
        new(UserErrorCode.InvalidInput, "Give the partner at least one scope.", "scopes");

    public static UserError MemberNotActive() =>
        new(UserErrorCode.NotFound, "This member is no longer active.", null);

    public static UserError ConsentRequired(PartnerConsentPurpose purpose, string? field = null) =>
        new(UserErrorCode.PartnerConsentRequired,
            $"The member does not consent to this partner for {ConstantCase.Of(purpose)}: they grant it in the mini-program first.", field);

    public static UserError TransactionIdInvalid() =>
        new(UserErrorCode.InvalidInput, $"Give the partner's transaction id: 1 to {PartnerTransaction.TransactionIdMaxLength} characters.", "transactionId");

    public static UserError TransactionIdUsed() =>
        new(UserErrorCode.IdempotencyConflict, "This transaction id was already used for another benefit, member or amount.", "transactionId");

    public static UserError CreditNotConfigured() =>
        new(UserErrorCode.PartnerCreditNotConfigured, "This partner has no points rate configured: it cannot credit points.", null);

    public static UserError CreditTooSmall(int partnerPointsPerPoint) =>
        new(UserErrorCode.InvalidInput, $"{partnerPointsPerPoint} partner points make one point: credit at least that many.", "partnerPoints");

    public static UserError DailyCapReached(long cap, bool perMember) =>
        new(UserErrorCode.PartnerDailyCapReached, perMember
            ? $"This partner may credit at most {cap} points to one member a day; today's credits and this one would pass it."
            : $"This partner may credit at most {cap} points a day in all; today's credits and this one would pass it.", "partnerPoints");

    public static UserError NotAPartnerBenefit() =>
        new(UserErrorCode.CouponNotClaimable, "This coupon is not a partner benefit that can be exchanged for points (use exchangePointsForCoupon).", "templateId");
}
