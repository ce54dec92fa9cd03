namespace MemberGraph.Privacy;

/// <summary>
/// One subscribe message the gateway sent, or set out to send, and the acceptance it took: at most one per purpose and
/// subject (for <see cref="SubscribeMessagePurpose.CouponExpiring"/> the coupon), which is what keeps a replayed job from
/// sending a reminder twice. Written (PENDING, the acceptance taken) before WeChat is called and answered after; a send
/// that never got its answer stays PENDING and is not tried again: at most one message, never two. The member's openid
/// is not kept.
/// </summary>
public sealed class SubscribeMessage
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public SubscribeMessagePurpose Purpose { get; set; }

    /// <summary>What the message is about: the coupon, for <see cref="SubscribeMessagePurpose.CouponExpiring"/>; the enrolment, for <see cref="SubscribeMessagePurpose.Journey"/>.</summary>
    public long SubjectId { get; set; }

    public string TemplateId { get; set; } = "";
    public SubscribeMessageStatus Status { get; set; }

    /// <summary>WeChat's <c>msgid</c>, once sent.</summary>
    public long? WeChatMessageId { get; set; }

    /// <summary>WeChat's <c>errcode</c> when it refused; null when it could not be reached.</summary>
    public int? ErrCode { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
}

public enum SubscribeMessageStatus
{
    /// <summary>The acceptance is taken and WeChat is being called (or the gateway stopped before it answered).</summary>
    Pending = 0,

    Sent = 1,

    /// <summary>WeChat answered 43101: the member does not accept this template any more; their remaining acceptances are withdrawn.</summary>
    Refused = 2,

    /// <summary>WeChat refused otherwise or could not be reached: the acceptance was given back for a later message.</summary>
    Failed = 3,
}
