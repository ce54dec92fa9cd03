namespace MemberGraph.Privacy;

/// <summary>What a subscribe-message template configured in <c>WeChat:SubscribeTemplates</c> is sent for.</summary>
public enum SubscribeMessagePurpose
{
    /// <summary>A coupon of the member's is about to expire (<c>WeChat:SubscribeTemplates:CouponExpiring</c>).</summary>
    CouponExpiring = 0,

    /// <summary>An automated journey's message to a member (the subject is the journey enrolment); any configured template.</summary>
    Journey = 1,
}
