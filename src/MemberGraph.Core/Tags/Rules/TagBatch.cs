namespace MemberGraph.Tags.Rules;

/// <summary>
/// The members one tagging step evaluates: an id range (full mode) or, in incremental mode, the listed ids of
/// members touched since the watermark (at most <see cref="MaxListedMembers"/>, within the range). Every query of
/// the step is restricted to it, so a batch is index range scans or index seeks, never a table scan.
/// </summary>
public sealed record TagBatch(long FromId, long ToId, IReadOnlyList<long>? MemberIds = null)
{
    /// <summary>Ids per listed batch: each becomes a parameter of <c>IN (...)</c> (SQL Server takes at most 2,100).</summary>
    public const int MaxListedMembers = 1_000;

    public override string ToString() => MemberIds is null ? $"{FromId}-{ToId}" : $"{MemberIds.Count} touched in {FromId}-{ToId}";
}

/// <summary>One member a rule matched, with the optional value of the assignment (e.g. the preferred store's code).</summary>
public sealed class TagMatch
{
    public long MemberId { get; init; }
    public string? Value { get; init; }
}
