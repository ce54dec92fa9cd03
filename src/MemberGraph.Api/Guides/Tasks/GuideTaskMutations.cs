using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Guides.Tasks;

/// <summary>Creating campaigns (admins) and working tasks (the task's guide).</summary>
public sealed class GuideTaskMutations : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<CreateGuideTaskCampaignPayloadType>>("createGuideTaskCampaign")
            .Description("Creates a campaign from a saved segment and writes its tasks before answering (admins): each member's exclusive guide, " +
                         "else a guide of their service store in turn; members with no guide are UNASSIGNED, those who withdrew guide-outreach consent SKIPPED. " +
                         "Safe to retry: the same idempotencyKey answers the first campaign.")
            .Argument<NonNullGraphType<CreateGuideTaskCampaignInputType>>("input", "See the input type.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<CreateGuideTaskCampaignArguments>("input");
                if (GlobalId.TryDecode(input.SegmentId, "Segment") is not { } segmentId)
                {
                    return new GuideTaskCampaignPayload(null, [GuideTaskErrors.SegmentNotFound()]);
                }

                long? templateId = null;
                if (input.CouponTemplateId is { } template)
                {
                    templateId = GlobalId.TryDecode(template, "CouponTemplate");
                    if (templateId is null)
                    {
                        return new GuideTaskCampaignPayload(null, [GuideTaskErrors.CouponTemplateNotFound()]);
                    }
                }

                var create = new CreateGuideTaskCampaignInput(input.Name, input.Kind, input.Script, segmentId, templateId, input.DueInDays, input.IdempotencyKey);
                return GuideTaskCampaignPayload.From(await ctx.Service<GuideTaskCampaignService>().CreateAsync(ctx.Caller(), create, ctx.CancellationToken));
            });

        mutation.Field<NonNullGraphType<CompleteGuideTaskPayloadType>>("completeGuideTask")
            .Description("The task's guide completes it with an outcome. The same outcome again answers the done task; another outcome is " +
                         "GUIDE_TASK_ALREADY_COMPLETED; an expired task GUIDE_TASK_EXPIRED. Another guide's task is AUTH_NOT_AUTHORIZED.")
            .Argument<NonNullGraphType<CompleteGuideTaskInputType>>("input", "See the input type.")
            .Authorize(Roles.Guide)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<CompleteGuideTaskArguments>("input");
                return GlobalId.TryDecode(input.TaskId, "GuideTask") is { } taskId
                    ? GuideTaskPayload.From(await ctx.Service<GuideTaskService>().CompleteAsync(ctx.Caller(), taskId, input.Outcome, input.Note, ctx.CancellationToken))
                    : new GuideTaskPayload(null, [GuideTaskErrors.TaskNotFound()]);
            });

        mutation.Field<NonNullGraphType<SendGuideTaskCouponPayloadType>>("sendGuideTaskCoupon")
            .Description("The task's guide sends the campaign's coupon to the member (stock and per-member limits apply) and the task is done " +
                         "with COUPON_SENT, both or neither. Retries answer the same task and coupon; one coupon is issued however many run at once.")
            .Argument<NonNullGraphType<SendGuideTaskCouponInputType>>("input", "See the input type.")
            .Authorize(Roles.Guide)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SendGuideTaskCouponArguments>("input");
                return GlobalId.TryDecode(input.TaskId, "GuideTask") is { } taskId
                    ? GuideTaskPayload.From(await ctx.Service<GuideTaskService>().SendCouponAsync(ctx.Caller(), taskId, ctx.CancellationToken))
                    : new GuideTaskPayload(null, [GuideTaskErrors.TaskNotFound()]);
            });
    }
}
