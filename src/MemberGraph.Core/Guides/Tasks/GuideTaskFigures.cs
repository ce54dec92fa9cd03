namespace MemberGraph.Guides.Tasks;

/// <summary>
/// Counts of a set of tasks by status, and the completion rate: done among the tasks given to a guide
/// (open + done + expired). Unassigned and skipped members are counted but are no guide's to complete.
/// </summary>
public sealed record GuideTaskFigures(long Open, long Done, long Expired, long Unassigned, long Skipped)
{
    public static readonly GuideTaskFigures None = new(0, 0, 0, 0, 0);

    public long Assigned => Open + Done + Expired;

    public long Members => Assigned + Unassigned + Skipped;

    /// <summary>Done ÷ assigned, 0 to 1; null when nothing was assigned.</summary>
    public double? CompletionRate => Assigned == 0 ? null : (double)Done / Assigned;

    public static GuideTaskFigures From(IEnumerable<(GuideTaskStatus Status, long Count)> counts)
    {
        var byStatus = counts.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        long Of(GuideTaskStatus status) => byStatus.GetValueOrDefault(status);
        return new GuideTaskFigures(Of(GuideTaskStatus.Open), Of(GuideTaskStatus.Done), Of(GuideTaskStatus.Expired),
            Of(GuideTaskStatus.Unassigned), Of(GuideTaskStatus.Skipped));
    }
}

/// <summary>A campaign's figures for one store or one guide.</summary>
public sealed record GuideTaskBreakdown(long Id, GuideTaskFigures Figures);
