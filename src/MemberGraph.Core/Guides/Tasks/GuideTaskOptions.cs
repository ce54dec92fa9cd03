namespace MemberGraph.Guides.Tasks;

/// <summary>The <c>GuideTasks</c> configuration section.</summary>
public sealed class GuideTaskOptions
{
    public const string Section = "GuideTasks";

    /// <summary>Member ids per fill batch: one read of the batch's candidates, one write transaction with the watermark.</summary>
    public int BatchSize { get; set; } = 20_000;
}
