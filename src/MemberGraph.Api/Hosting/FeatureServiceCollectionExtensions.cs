using MemberGraph.Audit;
using MemberGraph.Commission;
using MemberGraph.Coupons;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Segments;
using MemberGraph.Tags.Tagging;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tiers;

namespace MemberGraph.Hosting;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>
    /// Each feature's one <c>AddX</c>: its services, domain-event handlers, merge participants and options. Handlers of one
    /// event run in the order they are registered, so the order of these calls is the order of an order's side effects.
    /// </summary>
    public static IServiceCollection AddMemberGraphFeatures(this IServiceCollection services) => services
        .AddAudit()
        .AddMembers()
        .AddTags()
        .AddSegments()
        .AddWeCom()
        .AddGuides()
        .AddPoints()
        .AddTiers()
        .AddOrders()
        .AddCommission()
        .AddCoupons();
}
