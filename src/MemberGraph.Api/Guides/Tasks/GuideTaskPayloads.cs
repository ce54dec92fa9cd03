using GraphQL.Types;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Guides.Tasks;

public sealed record GuideTaskCampaignPayload(GuideTaskCampaign? Campaign, IReadOnlyList<UserError> Errors) : IPayload
{
    public static GuideTaskCampaignPayload From(Outcome<GuideTaskCampaign> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

public sealed record GuideTaskPayload(GuideTask? Task, IReadOnlyList<UserError> Errors) : IPayload
{
    public static GuideTaskPayload From(Outcome<GuideTask> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

public sealed class CreateGuideTaskCampaignPayloadType : PayloadGraphType<GuideTaskCampaignPayload>
{
    public CreateGuideTaskCampaignPayloadType()
    {
        Name = "CreateGuideTaskCampaignPayload";
        Description = "The campaign with its tasks written, or why not.";
        Field<GuideTaskCampaignType>("campaign").Description("The campaign; null when refused.").Resolve(ctx => ctx.Source.Campaign);
    }
}

public sealed class CompleteGuideTaskPayloadType : PayloadGraphType<GuideTaskPayload>
{
    public CompleteGuideTaskPayloadType()
    {
        Name = "CompleteGuideTaskPayload";
        Description = "The completed task, or why not.";
        Field<GuideTaskType>("task").Description("The task as it is now; null when refused.").Resolve(ctx => ctx.Source.Task);
    }
}

public sealed class SendGuideTaskCouponPayloadType : PayloadGraphType<GuideTaskPayload>
{
    public SendGuideTaskCouponPayloadType()
    {
        Name = "SendGuideTaskCouponPayload";
        Description = "The task (done, COUPON_SENT) with the coupon it sent, or why not (then no coupon was issued).";
        Field<GuideTaskType>("task").Description("The task as it is now; null when refused.").Resolve(ctx => ctx.Source.Task);
        Field<CouponType>("coupon").Description("The coupon sent; null when refused.")
            .Resolve(ctx => ctx.Source.Task?.CouponId is { } id ? ctx.CouponById().Load(id) : null);
    }
}
