using MemberGraph.Domain;

namespace MemberGraph.Guides.Tasks;

/// <summary>The business refusals of the guide-task mutations, worded once.</summary>
public static class GuideTaskErrors
{
    public static UserError Invalid(string message, string field) => new(UserErrorCode.InvalidInput, message, field);

    public static UserError SegmentNotFound() => new(UserErrorCode.NotFound, "There is no such segment.", "segmentId");

    public static UserError CouponTemplateNotFound() => new(UserErrorCode.NotFound, "There is no such coupon template.", "couponTemplateId");

    public static UserError CouponTemplateRetired() =>
        new(UserErrorCode.CouponNotClaimable, "This coupon template is withdrawn or has ended; a campaign cannot send it.", "couponTemplateId");

    public static UserError TaskNotFound() => new(UserErrorCode.NotFound, "There is no such task.", "taskId");

    public static UserError AlreadyCompleted(GuideTaskOutcome outcome) =>
        new(UserErrorCode.GuideTaskAlreadyCompleted, $"The task is already done with outcome {ConstantCase.Of(outcome)}.", "outcome");

    public static UserError Expired() => new(UserErrorCode.GuideTaskExpired, "The task expired before it was done.", "taskId");

    public static UserError NoCoupon() => new(UserErrorCode.GuideTaskHasNoCoupon, "This task's campaign sends no coupon.", "taskId");

    public static UserError CouponOutcomeNeedsSend() =>
        new(UserErrorCode.InvalidInput, "COUPON_SENT is recorded by sendGuideTaskCoupon, which sends the coupon too.", "outcome");
}
