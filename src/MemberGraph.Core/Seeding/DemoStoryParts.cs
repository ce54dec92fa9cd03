using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Jobs;
using MemberGraph.Members;
using MemberGraph.Partners;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>The story's parts, one per concern (kept apart so each file reads on its own).</summary>
public sealed class DemoStoryParts(
    IDbContextFactory<MemberGraphDb> factory,
    OneIdService oneId,
    Guides.GuideBindingService binding,
    Audit.AuditLog audit,
    CouponWriteOffService writeOffs,
    Orders.OrderService orders,
    Commission.CommissionRules commission,
    Tags.TagService tags,
    Segments.SegmentService segments,
    JobRunner jobs,
    DemoPartners partners,
    Guides.Tasks.GuideTaskCampaignService campaigns)
{
    internal DemoGuideCustomers Customers { get; } = new(factory, oneId, binding, audit);
    internal DemoGuideSales Sales { get; } = new(factory, orders, commission, audit);
    internal DemoCouponStates Coupons { get; } = new(factory, writeOffs);
    internal DemoTagging Tagging { get; } = new(tags, segments, jobs);
    internal DemoPartners Partners { get; } = partners;
    internal DemoGuideTasks GuideTasks { get; } = new(factory, campaigns);
}
