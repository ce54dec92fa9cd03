namespace MemberGraph.Members;

/// <summary>
/// The record of one merge: which member survived, which was absorbed, why, and exactly what moved,
/// so that an admin can undo a wrong merge from this record.
/// </summary>
public sealed class MemberMerge
{
    public long Id { get; set; }
    public long SurvivorId { get; set; }
    public long MergedId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime MergedAt { get; set; }
    public string MergedBy { get; set; } = "";

    /// <summary>JSON: the ids of every row that moved from the merged member to the survivor, by kind.</summary>
    public string MovedJson { get; set; } = "{}";

    /// <summary>JSON: the member fields the merge changed (<see cref="MergedFields"/>), so an unmerge restores them.</summary>
    public string FieldsJson { get; set; } = "{}";

    public DateTime? UnmergedAt { get; set; }
    public string? UnmergedBy { get; set; }

    public bool IsUnmerged => UnmergedAt is not null;
}
