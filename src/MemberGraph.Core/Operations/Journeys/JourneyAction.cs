namespace MemberGraph.Operations.Journeys;

/// <summary>One thing a journey does for a member once the wait is over; stored with the journey (a JSON column).</summary>
public sealed class JourneyAction
{
    public JourneyActionKind Kind { get; set; }

    /// <summary><see cref="JourneyActionKind.IssueCoupon"/>: the coupon template (its stock and per-member limit hold).</summary>
    public long? CouponTemplateId { get; set; }

    /// <summary><see cref="JourneyActionKind.SubscribeMessage"/>: the WeChat template, sent only on an acceptance of it.</summary>
    public string? SubscribeTemplateId { get; set; }

    /// <summary><see cref="JourneyActionKind.SubscribeMessage"/>: the mini-program page the message opens.</summary>
    public string? Page { get; set; }

    /// <summary><see cref="JourneyActionKind.SubscribeMessage"/>: the template's keywords, as a JSON object of strings.</summary>
    public string? DataJson { get; set; }

    /// <summary><see cref="JourneyActionKind.GuideTask"/>: what the guide says or does.</summary>
    public string? Script { get; set; }

    /// <summary><see cref="JourneyActionKind.GuideTask"/>: days the guide has.</summary>
    public int? DueDays { get; set; }
}

public enum JourneyActionKind
{
    IssueCoupon = 0,
    SubscribeMessage = 1,

    /// <summary>A task for the member's guide (<c>GuideTaskAssigner</c>, one per enrolment), created in the act's transaction.</summary>
    GuideTask = 2,
}
