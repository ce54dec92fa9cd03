namespace MemberGraph.Guides.Tasks;

/// <summary><c>createGuideTaskCampaign</c>'s input, with the ids already decoded; the idempotency key is unique across campaigns.</summary>
public sealed record CreateGuideTaskCampaignInput(
    string Name, GuideTaskKind Kind, string Script, long SegmentId, long? CouponTemplateId, int DueDays, string IdempotencyKey);
