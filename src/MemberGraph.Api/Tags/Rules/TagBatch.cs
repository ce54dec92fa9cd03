namespace MemberGraph.Tags.Rules;

/// <summary>
/// The members one tagging step evaluates: an id range and, in incremental mode, only those touched since the
/// watermark. Every query of the step is restricted to it, so a batch is a few index range scans, never a table.
/// </summary>
public sealed record TagBatch(long FromId, long ToId, DateTime? TouchedSince)
{
    public override string ToString() => TouchedSince is null ? $"{FromId}-{ToId}" : $"{FromId}-{ToId} touched since {TouchedSince:O}";
}

/// <summary>One member a rule matched, with the optional value of the assignment (e.g. the preferred store's code).</summary>
public sealed class TagMatch
{
    public long MemberId { get; init; }
    public string? Value { get; init; }
}
