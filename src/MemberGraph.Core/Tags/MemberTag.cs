namespace MemberGraph.Tags;

/// <summary>A tag on a member: set by a rule run (<see cref="RuleRunId"/>) or by a guide (<see cref="GuideId"/>).</summary>
public sealed class MemberTag
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long TagId { get; set; }

    /// <summary>Optional value, e.g. the store code of a store preference.</summary>
    public string? Value { get; set; }

    public long? RuleRunId { get; set; }
    public long? GuideId { get; set; }
    public DateTime AssignedAt { get; set; }
}
