using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Guides.Tasks;

public sealed class GuideTaskCampaignType : ObjectGraphType<GuideTaskCampaign>
{
    public GuideTaskCampaignType()
    {
        Name = "GuideTaskCampaign";
        Description = "A work list for guides made from a segment. Figures are for admins and staff (staff: their store's tasks only).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("GuideTaskCampaign", ctx.Source.Id));
        Field(c => c.Name).Description("The campaign's name.");
        Field<NonNullGraphType<GuideTaskKindType>>("kind").Description("What the campaign is for.").Resolve(ctx => ctx.Source.Kind);
        Field(c => c.Script).Description("What guides are asked to say or do.");
        Field<NonNullGraphType<IdGraphType>>("segmentId").Description("The segment the members came from.").Resolve(ctx => GlobalId.Encode("Segment", ctx.Source.SegmentId));
        Field<CouponTemplateType>("couponTemplate").Description("The coupon guides may send from a task; null when none.")
            .Resolve(ctx => ctx.Source.CouponTemplateId is { } id ? ctx.CouponTemplateById().Load(id) : null);
        Field("dueInDays", c => c.DueDays).Description("Days from creation until open tasks expire.");
        Field(c => c.DueAt).Description("When open tasks expire (UTC).");
        Field<NonNullGraphType<GuideTaskCampaignStatusType>>("status").Description("FILLING while tasks are written, then READY.").Resolve(ctx => ctx.Source.Status);
        Field(c => c.CreatedAt).Description("When the campaign was created (UTC).");
        Field(c => c.FilledAt, nullable: true).Description("When the last task was written (UTC).");
        Field<NonNullGraphType<GuideTaskFiguresType>>("figures")
            .Description("The campaign's tasks by status and its completion rate. Admins: every store; staff: their store's tasks.")
            .Resolve(ctx => ctx.GuideTaskFiguresByCampaign(FiguresScope(ctx.Caller())).Load(ctx.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GuideTaskStoreFiguresType>>>>("byStore")
            .Description("Figures per store (the store of each task's guide). Admins: every store; staff: their store.")
            .ResolveAsync(async ctx => await ctx.Service<GuideTaskRates>().ByStoreAsync(ctx.Source.Id, FiguresScope(ctx.Caller()), ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GuideTaskGuideFiguresType>>>>("byGuide")
            .Description("Figures per guide. Admins: every guide; staff: their store's guides.")
            .ResolveAsync(async ctx => await ctx.Service<GuideTaskRates>().ByGuideAsync(ctx.Source.Id, FiguresScope(ctx.Caller()), ctx.CancellationToken));
    }

    /// <summary>Admins see every store's figures, staff their own store's; anyone else (a guide reading a task's campaign) none.</summary>
    private static long? FiguresScope(Caller caller) => caller switch
    {
        { Role: Roles.Admin } => null,
        { Role: Roles.Staff, StoreId: { } store } => store,
        _ => throw GraphQLRequestError.NotAuthorized("read a campaign's figures (admins and store staff)"),
    };
}
