namespace MemberGraph.Tags;

/// <summary>
/// A tag operators use to segment members: MANUAL (guides apply it to their customers) or RULE (computed by the
/// tagging job from <see cref="RuleJson"/>, a <see cref="TagRule"/> stored as data).
/// </summary>
public sealed class TagDefinition
{
    public long Id { get; set; }

    /// <summary>Stable key used in segment expressions, e.g. <c>loves_imported_fruit</c>.</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";
    public TagKind Kind { get; set; }
    public string? RuleJson { get; set; }
    public string Owner { get; set; } = "";
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum TagKind
{
    Manual = 1,
    Rule = 2,
}
