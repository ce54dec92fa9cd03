namespace MemberGraph.Segments;

/// <summary>
/// Whether a member was in a watched segment at its last evaluation, and how many times they have entered it. Kept
/// only for segments a journey is triggered by (ENTERED_SEGMENT) and only for members who were ever in them: a member
/// who leaves keeps the row (<see cref="IsIn"/> false), so coming back is entry number <see cref="Entries"/> + 1, a new
/// occurrence, while staying in is none.
/// </summary>
public sealed class SegmentMembership
{
    public long SegmentId { get; set; }
    public long MemberId { get; set; }

    /// <summary>In the segment at the last evaluation.</summary>
    public bool IsIn { get; set; }

    /// <summary>Entries counted so far, the first (or the baseline) included.</summary>
    public int Entries { get; set; }

    /// <summary>When <see cref="IsIn"/> last changed.</summary>
    public DateTime ChangedAt { get; set; }
}
