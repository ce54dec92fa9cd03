using System.ComponentModel;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// One member to contact, for one guide: from a <see cref="GuideTaskCampaign"/> (unique per campaign and member) or
/// created alone by another feature (<see cref="GuideTaskAssigner"/>, unique per <see cref="SourceKey"/>). Members the
/// rules could give no guide, or who withdrew guide-outreach consent, get a row too (<see cref="GuideTaskStatus.Unassigned"/>,
/// <see cref="GuideTaskStatus.Skipped"/>) so that they are counted, never silently dropped, and a restarted fill finds them.
/// </summary>
public sealed class GuideTask
{
    public long Id { get; set; }
    public long? CampaignId { get; set; }

    /// <summary>The caller's idempotency key for a task created alone (e.g. a journey step); null for campaign tasks.</summary>
    public string? SourceKey { get; set; }

    public GuideTaskKind Kind { get; set; }

    /// <summary>The script of a task created alone; campaign tasks show their campaign's.</summary>
    public string? Script { get; set; }

    /// <summary>The coupon of a task created alone; campaign tasks send their campaign's.</summary>
    public long? CouponTemplateId { get; set; }

    public long MemberId { get; set; }
    public long? GuideId { get; set; }

    /// <summary>The guide's store when the task was assigned.</summary>
    public long? StoreId { get; set; }

    public GuideTaskRoute Route { get; set; }
    public GuideTaskStatus Status { get; set; }
    public GuideTaskOutcome? Outcome { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime? DoneAt { get; set; }

    /// <summary>The coupon sent from this task (<c>sendGuideTaskCoupon</c>).</summary>
    public long? CouponId { get; set; }
}

public enum GuideTaskStatus
{
    [Description("Waiting for the guide.")]
    Open = 1,

    [Description("The guide completed it with an outcome.")]
    Done = 2,

    [Description("Its due time passed while open.")]
    Expired = 3,

    [Description("No guide: the member has no exclusive guide and their service store has no active guide (or no service store).")]
    Unassigned = 4,

    [Description("Not created for a guide: the member withdrew guide-outreach consent.")]
    Skipped = 5,

    [Description("Closed while open because its member was merged into a member who has this campaign's task too (that task counts); an unmerge reopens it.")]
    Merged = 6,
}

public enum GuideTaskOutcome
{
    [Description("The guide chatted with the member on WeCom.")]
    ChattedOnWecom = 1,

    [Description("The guide sent the campaign's coupon.")]
    CouponSent = 2,

    [Description("The member did not answer.")]
    NoAnswer = 3,

    [Description("The member was not interested.")]
    NotInterested = 4,
}

public enum GuideTaskRoute
{
    [Description("The member's exclusive guide.")]
    ExclusiveGuide = 1,

    [Description("A guide of the member's service store, in turn (member id modulo the store's active guides by id).")]
    StoreRota = 2,

    [Description("No guide (unassigned or skipped).")]
    None = 3,
}
