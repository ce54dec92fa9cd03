namespace MemberGraph.Tiers;

/// <summary>
/// A member's current level. Orders raise it at once; only the periodic recompute lowers it, so the level is kept
/// rather than derived from growth on every read. Members without a row are at level 0.
/// </summary>
public sealed class MemberTier
{
    public long MemberId { get; set; }
    public int Level { get; set; }
    public DateTime Since { get; set; }
    public DateTime? RecomputedAt { get; set; }
}

/// <summary>One change of level, kept as history.</summary>
public sealed class TierChange
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public int FromLevel { get; set; }
    public int ToLevel { get; set; }
    public long Growth { get; set; }
    public TierChangeReason Reason { get; set; }

    /// <summary>The order that caused an upgrade, when one did.</summary>
    public long? OrderId { get; set; }

    public DateTime At { get; set; }
}

public enum TierChangeReason
{
    Order = 1,
    Recompute = 2,
    Merge = 3,
    Seed = 4,
}
