using GraphQL.Types;

namespace MemberGraph.Guides.Tasks;

public sealed class GuideTaskKindType : EnumerationGraphType<GuideTaskKind>
{
    public GuideTaskKindType()
    {
        Name = "GuideTaskKind";
        Description = "What a guide task campaign is for.";
    }
}

public sealed class GuideTaskStatusType : EnumerationGraphType<GuideTaskStatus>
{
    public GuideTaskStatusType()
    {
        Name = "GuideTaskStatus";
        Description = "Where a task stands. A guide's list holds OPEN, DONE and EXPIRED tasks; UNASSIGNED and SKIPPED count campaign members no guide got; MERGED is a task closed by a member merge (not counted).";
    }
}

public sealed class GuideTaskOutcomeType : EnumerationGraphType<GuideTaskOutcome>
{
    public GuideTaskOutcomeType()
    {
        Name = "GuideTaskOutcome";
        Description = "How a guide completed a task.";
    }
}

public sealed class GuideTaskRouteType : EnumerationGraphType<GuideTaskRoute>
{
    public GuideTaskRouteType()
    {
        Name = "GuideTaskRoute";
        Description = "Why the task went to its guide.";
    }
}

public sealed class GuideTaskCampaignStatusType : EnumerationGraphType<GuideTaskCampaignStatus>
{
    public GuideTaskCampaignStatusType()
    {
        Name = "GuideTaskCampaignStatus";
        Description = "Whether a campaign's tasks are all written.";
    }
}
