namespace MemberGraph.Privacy;

/// <summary>What a subscribe-message template configured in <c>WeChat:SubscribeTemplates</c> is sent for.</summary>
public enum SubscribeMessagePurpose
{
    /// <summary>A coupon of the member's is about to expire (<c>WeChat:SubscribeTemplates:CouponExpiring</c>).</summary>
    CouponExpiring = 0,
}
