namespace MemberGraph.Segments;

/// <summary>A saved audience (客群): a name and a segment expression over tags and member attributes.</summary>
public sealed class Segment
{
    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The expression as the operator wrote it (validated when saved).</summary>
    public string Expression { get; set; } = "";

    /// <summary>How many members matched when the segment was last saved or counted.</summary>
    public long? LastCount { get; set; }

    public DateTime? LastCountedAt { get; set; }
    public string Owner { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
