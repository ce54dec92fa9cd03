namespace MemberGraph.Guides;

/// <summary>
/// A member's relationship with a guide: at most one open <see cref="GuideRelationshipKind.Exclusive"/> per
/// member, any number of follows. Ended relationships stay as history (<see cref="EndedAt"/> set).
/// </summary>
public sealed class GuideRelationship
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long GuideId { get; set; }
    public Guide? Guide { get; set; }
    public GuideRelationshipKind Kind { get; set; }
    public RelationshipSource Source { get; set; }

    /// <summary>The WeCom contact-way <c>state</c> or share parameter that created it, when there was one.</summary>
    public string? SourceDetail { get; set; }

    public DateTime Since { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }

    public bool IsOpen => EndedAt is null;
}

public enum GuideRelationshipKind
{
    Exclusive = 1,
    Follow = 2,
}

public enum RelationshipSource
{
    WeComAddContact = 1,
    QrScan = 2,
    ShareLink = 3,
    StoreAssignment = 4,
    Transfer = 5,
}
