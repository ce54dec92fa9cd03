namespace MemberGraph.Operations.Journeys;

/// <summary>
/// An automated member journey, defined by an admin as data: a trigger (a domain event or entering a segment), a wait,
/// an optional condition (a saved segment or a segment expression the member must match when the wait is over), the
/// actions taken then, a frequency cap across journeys, and the window in which an order counts as a conversion.
/// Each member's progress is a <see cref="JourneyEnrolment"/>.
/// </summary>
public sealed class Journey
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public JourneyStatus Status { get; set; }
    public JourneyTriggerKind TriggerKind { get; set; }

    /// <summary>For <see cref="JourneyTriggerKind.NthPurchase"/>: which purchase (2 = the member's second order).</summary>
    public int? TriggerPurchaseNumber { get; set; }

    /// <summary>For <see cref="JourneyTriggerKind.EnteredSegment"/>: the saved segment members enter.</summary>
    public long? TriggerSegmentId { get; set; }

    /// <summary>Minutes between the trigger and the actions (0: at the next advance run).</summary>
    public int WaitMinutes { get; set; }

    /// <summary>A saved segment the member must be in when the wait is over.</summary>
    public long? ConditionSegmentId { get; set; }

    /// <summary>A segment expression the member must match when the wait is over.</summary>
    public string? ConditionExpression { get; set; }

    public List<JourneyAction> Actions { get; set; } = [];

    /// <summary>With <see cref="CapPerDays"/>: at most this many journey actions per member in that many days, across journeys.</summary>
    public int? CapMaxActions { get; set; }

    public int? CapPerDays { get; set; }

    /// <summary>An order within this many days after the actions counts as a conversion.</summary>
    public int ConversionWindowDays { get; set; }

    public string Owner { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum JourneyStatus
{
    /// <summary>Defined, enrolling nobody yet.</summary>
    Draft = 0,

    /// <summary>Enrolling on its trigger and acting on its due enrolments.</summary>
    Active = 1,

    /// <summary>Enrolling nobody; its waiting enrolments wait until it is activated again.</summary>
    Paused = 2,
}

public enum JourneyTriggerKind
{
    /// <summary>The member's n-th order is recorded (<see cref="Journey.TriggerPurchaseNumber"/>).</summary>
    NthPurchase = 0,

    /// <summary>A new member is created by a mini-program sign-in.</summary>
    Registered = 1,

    /// <summary>The member's tier changed (up or down).</summary>
    TierChanged = 2,

    /// <summary>One of the member's coupons is announced as expiring soon.</summary>
    CouponExpiring = 3,

    /// <summary>The member was bound to a guide (exclusive or follow).</summary>
    BoundToGuide = 4,

    /// <summary>The member entered a saved segment, as a tagging run found it (<see cref="Journey.TriggerSegmentId"/>).</summary>
    EnteredSegment = 5,
}
