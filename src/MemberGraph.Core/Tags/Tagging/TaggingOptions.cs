namespace MemberGraph.Tags.Tagging;

/// <summary>The <c>Tagging</c> configuration section.</summary>
public sealed class TaggingOptions
{
    public const string Section = "Tagging";

    /// <summary>Member ids per batch (one read of every rule, one write transaction).</summary>
    public int BatchSize { get; set; } = 20_000;

    /// <summary>
    /// The incremental watermark is the start of the last successful run minus this overlap, so a change whose
    /// transaction took its time stamp before that start but committed after it is still picked up.
    /// </summary>
    public TimeSpan WatermarkOverlap { get; set; } = TimeSpan.FromMinutes(2);
}
