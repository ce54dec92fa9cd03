using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.Members;
using MemberGraph.Stores;

namespace MemberGraph.Guides.Tasks;

public sealed class GuideTaskType : ObjectGraphType<GuideTask>
{
    public GuideTaskType()
    {
        Name = "GuideTask";
        Description = "One member for a guide to contact, with the script to follow and, when the campaign has one, a coupon to send.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("GuideTask", ctx.Source.Id));
        Field<NonNullGraphType<GuideTaskKindType>>("kind").Description("What the task is for.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("script")
            .Description("What the guide is asked to say or do.")
            .Resolve(ctx => ctx.Source.Script is { } own ? own : ctx.GuideTaskCampaignById().Load(ctx.Source.CampaignId!.Value).Then(c => c?.Script ?? ""));
        Field<GuideTaskCampaignType>("campaign")
            .Description("The campaign the task belongs to; null for a task created alone (a journey step).")
            .Resolve(ctx => ctx.Source.CampaignId is { } id ? ctx.GuideTaskCampaignById().Load(id) : null);
        Field<MemberType>("member")
            .Description("The member to contact: the full card for their exclusive guide and admins; for a guide who got the task from the " +
                         "store's rota and for staff, the reduced card (id, displayName, tier, exclusiveGuide, serviceStore, status).")
            .Resolve(ctx =>
            {
                var caller = ctx.Caller();
                if (!caller.Is(Roles.Admin) && !(caller.Is(Roles.Guide) && ctx.Source.Route == GuideTaskRoute.ExclusiveGuide && caller.GuideId == ctx.Source.GuideId))
                {
                    ReducedCard.Record(ctx, ctx.Source.MemberId);
                }

                return ctx.MemberById().Load(ctx.Source.MemberId).Then(m => m is { Status: MemberStatus.Erased } ? null : m);
            });
        Field<GuideType>("guide").Description("The guide the task is for; null when unassigned or skipped.")
            .Resolve(ctx => ctx.Source.GuideId is { } id ? ctx.GuideById().Load(id) : null);
        Field<NonNullGraphType<GuideTaskRouteType>>("route").Description("Why the task went to this guide.").Resolve(ctx => ctx.Source.Route);
        Field<NonNullGraphType<GuideTaskStatusType>>("status").Description("Open, done, expired (or unassigned, skipped).").Resolve(ctx => ctx.Source.Status);
        Field<GuideTaskOutcomeType>("outcome").Description("How the guide completed it; null until done.").Resolve(ctx => ctx.Source.Outcome);
        Field(t => t.Note, nullable: true).Description("The guide's note when completing.");
        Field(t => t.CreatedAt).Description("When the task was created (UTC).");
        Field(t => t.DueAt).Description("When the task expires if still open (UTC).");
        Field(t => t.DoneAt, nullable: true).Description("When the guide completed it (UTC).");
        Field<CouponTemplateType>("couponTemplate")
            .Description("The coupon sendGuideTaskCoupon would send; null when the task sends none.")
            .Resolve(ctx => ctx.Source.CouponTemplateId is { } own
                ? ctx.CouponTemplateById().Load(own)
                : ctx.Source.CampaignId is { } campaign
                    ? ctx.GuideTaskCampaignById().Load(campaign).Then((c, ct) => c?.CouponTemplateId is { } id ? ctx.CouponTemplateById().Load(id).GetResultAsync(ct) : Task.FromResult<CouponTemplate?>(null))
                    : null);
        Field<CouponType>("coupon").Description("The coupon sent from this task; null until sent.")
            .Resolve(ctx => ctx.Source.CouponId is { } id ? ctx.CouponById().Load(id) : null);
    }
}

public sealed class GuideTaskFiguresType : ObjectGraphType<GuideTaskFigures>
{
    public GuideTaskFiguresType()
    {
        Name = "GuideTaskFigures";
        Description = "Tasks by status and the completion rate (done ÷ assigned, where assigned = open + done + expired).";
        Field(f => f.Members).Description("Segment members the campaign counted: assigned + unassigned + skipped.");
        Field(f => f.Assigned).Description("Tasks given to a guide.");
        Field(f => f.Open).Description("Tasks still open.");
        Field(f => f.Done).Description("Tasks completed.");
        Field(f => f.Expired).Description("Tasks that expired while open.");
        Field(f => f.Unassigned).Description("Members with no exclusive guide and no active guide at a service store.");
        Field(f => f.Skipped).Description("Members who withdrew guide-outreach consent.");
        Field(f => f.CompletionRate, nullable: true).Description("Done ÷ assigned, 0 to 1; null when nothing was assigned.");
    }
}

public sealed class GuideTaskStoreFiguresType : ObjectGraphType<GuideTaskBreakdown>
{
    public GuideTaskStoreFiguresType()
    {
        Name = "GuideTaskStoreFigures";
        Description = "A campaign's figures at one store (tasks of the store's guides).";
        Field<NonNullGraphType<StoreType>>("store").Description("The store.").Resolve(ctx => ctx.StoreById().Load(ctx.Source.Id));
        Field<NonNullGraphType<GuideTaskFiguresType>>("figures").Description("The figures.").Resolve(ctx => ctx.Source.Figures);
    }
}

public sealed class GuideTaskGuideFiguresType : ObjectGraphType<GuideTaskBreakdown>
{
    public GuideTaskGuideFiguresType()
    {
        Name = "GuideTaskGuideFigures";
        Description = "A campaign's figures for one guide.";
        Field<NonNullGraphType<GuideType>>("guide").Description("The guide.").Resolve(ctx => ctx.GuideById().Load(ctx.Source.Id));
        Field<NonNullGraphType<GuideTaskFiguresType>>("figures").Description("The figures.").Resolve(ctx => ctx.Source.Figures);
    }
}

public sealed class TaskAssignmentType : ObjectGraphType<GuideTasksAssigned>
{
    public TaskAssignmentType()
    {
        Name = "TaskAssignment";
        Description = "New open tasks for the signed-in guide: a campaign's batch (count tasks) or one task created alone.";
        Field<GuideTaskCampaignType>("campaign").Description("The campaign; null for a task created alone.")
            .Resolve(ctx => ctx.Source.CampaignId is { } id ? ctx.GuideTaskCampaignById().Load(id) : null);
        Field<IdGraphType>("taskId").Description("The task, when the event is about one.")
            .Resolve(ctx => ctx.Source.TaskId is { } id ? GlobalId.Encode("GuideTask", id) : null);
        Field<NonNullGraphType<GuideTaskKindType>>("kind").Description("What the tasks are for.").Resolve(ctx => ctx.Source.Kind);
        Field(e => e.Count).Description("How many new tasks.");
        Field(e => e.OccurredAt).Description("When they were committed (UTC).");
    }
}
