using System.ComponentModel;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// A work list for guides built from a saved segment: every member of the segment becomes one <see cref="GuideTask"/>
/// for their exclusive guide, else for a guide of their service store. Filled in batches of member ids;
/// <see cref="FilledUpToMemberId"/> is the watermark a restarted fill continues from.
/// </summary>
public sealed class GuideTaskCampaign
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public GuideTaskKind Kind { get; set; }

    /// <summary>What the guide is asked to say or do (shown on every task).</summary>
    public string Script { get; set; } = "";

    public long SegmentId { get; set; }

    /// <summary>The coupon a guide may send from a task (<c>sendGuideTaskCoupon</c>); null when the campaign sends none.</summary>
    public long? CouponTemplateId { get; set; }

    public int DueDays { get; set; }

    /// <summary>When the campaign's open tasks expire: <see cref="CreatedAt"/> plus <see cref="DueDays"/>.</summary>
    public DateTime DueAt { get; set; }

    public GuideTaskCampaignStatus Status { get; set; }

    /// <summary>The highest member id whose batch is written; 0 before the first batch.</summary>
    public long FilledUpToMemberId { get; set; }

    /// <summary>The highest member id when the campaign was created: the fill stops there (later members are not in it).</summary>
    public long LastMemberId { get; set; }

    /// <summary>The creating request's key (unique): a replay answers this campaign; null for campaigns created before keys.</summary>
    public string? IdempotencyKey { get; set; }

    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? FilledAt { get; set; }

    /// <summary>Whether a request under this campaign's key asked for this campaign (so it is a replay, not a conflict).</summary>
    public bool IsCreatedBy(CreateGuideTaskCampaignInput input) =>
        Name == input.Name.Trim() && Kind == input.Kind && Script == input.Script.Trim() && SegmentId == input.SegmentId
        && CouponTemplateId == input.CouponTemplateId && DueDays == input.DueDays;
}

public enum GuideTaskCampaignStatus
{
    [Description("Tasks are being created, batch by batch of member ids.")]
    Filling = 1,

    [Description("Every member of the segment has a task (or is counted as unassigned or skipped).")]
    Ready = 2,
}

public enum GuideTaskKind
{
    [Description("A birthday greeting (生日关怀).")]
    BirthdayCare = 1,

    [Description("Win back a member who stopped buying (沉睡唤醒).")]
    DormantRecall = 2,

    [Description("Invite to a tasting (试吃), e.g. on the first-four-purchases journey.")]
    Tasting = 3,

    [Description("Anything else the script says.")]
    Custom = 4,
}
