using GraphQL.Types;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.GraphQL;

/// <summary>
/// A business refusal returned in a mutation payload's <c>errors</c> (the mutation ran and said no):
/// a <see cref="UserErrorCode"/>, a message for people, and the input field it concerns.
/// </summary>
public sealed record UserError(UserErrorCode Code, string Message, string? Field = null);

/// <summary>Every business refusal a mutation can answer with. Clients switch on these.</summary>
public enum UserErrorCode
{
    InvalidInput,
    NotFound,
    NotYourCustomer,
    WechatCodeInvalid,
    WechatCodeUsed,
    WechatRateLimited,
    WechatBusy,
    WechatRiskControl,
    WechatUnavailable,
    PhoneRequired,
    AlreadyMerged,
    MergeNotFound,
    AlreadyUnmerged,
    InsufficientPoints,
    IdempotencyConflict,
    OutOfStock,
    CouponLimitReached,
    CouponAlreadyRedeemed,
    CouponNotUsable,
    CouponExpired,
    CouponNotClaimable,
    CouponReserved,
    ThresholdNotMet,
    OrderConflict,
    RefundExceedsOrder,
    TransferLimitReached,
    UnknownJob,
    JobAlreadyRunning,
    TransferPending,
    GuideResigned,
    WecomCodeInvalid,
    WecomRejected,
    WecomUnavailable,
    SegmentExpressionInvalid,
    SegmentNameTaken,
    ExclusiveGuideExists,
    IdentityInvalid,
    MemberCodeExpired,
    MemberCodeInvalid,
}

public sealed class UserErrorCodeType : EnumerationGraphType<UserErrorCode>
{
    public UserErrorCodeType()
    {
        Name = "UserErrorCode";
        Description = "Why a mutation refused: clients switch on these codes.";
    }
}

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "A business refusal: the mutation ran and said no, changing nothing.";
        this.ReadableBy(FieldAuthorization.WriteOnlyRoles.ToArray());
        Field(e => e.Code, type: typeof(NonNullGraphType<UserErrorCodeType>)).Description("Machine-readable reason.");
        Field(e => e.Message).Description("Explanation for people.");
        Field(e => e.Field, nullable: true).Description("The input field the error concerns, when there is one.");
    }
}
