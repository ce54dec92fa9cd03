using System.ComponentModel;

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
    [Description("The member's one exclusive guide (专属导购).")]
    Exclusive = 1,

    [Description("Another guide the member follows.")]
    Follow = 2,
}

public enum RelationshipSource
{
    [Description("The customer added the guide on WeCom (contact-way QR code with the guide code as state).")]
    WeComAddContact = 1,

    [Description("The member scanned the guide's QR code in the mini-program.")]
    QrScan = 2,

    [Description("The member opened a link the guide shared.")]
    ShareLink = 3,

    [Description("Store staff or an operator assigned the member to the guide.")]
    StoreAssignment = 4,

    [Description("Taken over from another guide (在职继承 / 离职继承).")]
    Transfer = 5,
}
