namespace MemberGraph.Guides.Tasks;

/// <summary><c>createGuideTaskCampaign</c>'s input, with the ids already decoded.</summary>
public sealed record CreateGuideTaskCampaignInput(string Name, GuideTaskKind Kind, string Script, long SegmentId, long? CouponTemplateId, int DueDays);
