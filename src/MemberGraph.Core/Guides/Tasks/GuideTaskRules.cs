namespace MemberGraph.Guides.Tasks;

/// <summary>Limits of campaign and task inputs, worded once for the service and the mappings.</summary>
public static class GuideTaskRules
{
    public const int MaxScriptLength = 2000;
    public const int MaxNoteLength = 500;
    public const int MaxNameLength = 100;
    public const int MaxDueDays = 90;
    public const int MaxIdempotencyKeyLength = 100;
}
