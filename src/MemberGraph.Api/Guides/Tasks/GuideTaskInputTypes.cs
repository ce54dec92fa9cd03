using GraphQL.Types;

namespace MemberGraph.Guides.Tasks;

/// <summary><c>createGuideTaskCampaign</c>'s input as the client sends it (global ids).</summary>
public sealed class CreateGuideTaskCampaignArguments
{
    public string Name { get; set; } = "";
    public GuideTaskKind Kind { get; set; }
    public string Script { get; set; } = "";
    public string SegmentId { get; set; } = "";
    public string? CouponTemplateId { get; set; }
    public int DueInDays { get; set; }
    public string IdempotencyKey { get; set; } = "";
}

public sealed class CompleteGuideTaskArguments
{
    public string TaskId { get; set; } = "";
    public GuideTaskOutcome Outcome { get; set; }
    public string? Note { get; set; }
}

public sealed class SendGuideTaskCouponArguments
{
    public string TaskId { get; set; } = "";
}

public sealed class CreateGuideTaskCampaignInputType : InputObjectGraphType<CreateGuideTaskCampaignArguments>
{
    public CreateGuideTaskCampaignInputType()
    {
        Name = "CreateGuideTaskCampaignInput";
        Description = "A campaign: every member of the segment becomes a task for their exclusive guide, else for a guide of their service store.";
        Field(i => i.Name).Description("1 to 100 characters.");
        Field(i => i.Kind, type: typeof(NonNullGraphType<GuideTaskKindType>)).Description("What the campaign is for.");
        Field(i => i.Script).Description("What guides are asked to say or do, 1 to 2000 characters.");
        Field(i => i.SegmentId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The saved segment whose members get tasks.");
        Field(i => i.CouponTemplateId, type: typeof(IdGraphType)).Description("A coupon guides may send from a task (sendGuideTaskCoupon); leave out for none.");
        Field(i => i.DueInDays).Description("Days until open tasks expire, 1 to 90.");
        Field(i => i.IdempotencyKey).Description(
            "Unique per campaign (1-100 characters): a replay answers the first campaign; the key with another input is IDEMPOTENCY_CONFLICT.");
    }
}

public sealed class CompleteGuideTaskInputType : InputObjectGraphType<CompleteGuideTaskArguments>
{
    public CompleteGuideTaskInputType()
    {
        Name = "CompleteGuideTaskInput";
        Description = "The task and how it went.";
        Field(i => i.TaskId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The task.");
        Field(i => i.Outcome, type: typeof(NonNullGraphType<GuideTaskOutcomeType>)).Description("How it went (COUPON_SENT: use sendGuideTaskCoupon).");
        Field(i => i.Note, nullable: true).Description("A note, at most 500 characters.");
    }
}

public sealed class SendGuideTaskCouponInputType : InputObjectGraphType<SendGuideTaskCouponArguments>
{
    public SendGuideTaskCouponInputType()
    {
        Name = "SendGuideTaskCouponInput";
        Description = "The task whose coupon to send.";
        Field(i => i.TaskId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The task.");
    }
}
