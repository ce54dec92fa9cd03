using MemberGraph.Audit;
using MemberGraph.Commission;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Coupons;
using MemberGraph.Members;
using MemberGraph.Tags.Tagging;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Orders;
using MemberGraph.Partners;
using MemberGraph.Points;
using MemberGraph.Tiers;

namespace MemberGraph.Hosting;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>The domain services of each feature folder.</summary>
    public static IServiceCollection AddMemberGraphFeatures(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        // OneID: every feature owning member-linked rows adds its IMergeParticipant here.
        services.AddSingleton<OneIdService>();
        services.AddSingleton<MemberMerger>();
        services.AddSingleton<IMergeParticipant, IdentityMergeParticipant>();
        services.AddSingleton<IMergeParticipant, GuideRelationshipMergeParticipant>();
        services.AddTransient<MemberSignInService>();
        services.AddSingleton<MemberReader>();
        services.AddSingleton<MemberCodeService>();
        services.AddDomainEventHandler<OrderRecorded, TouchMemberOnOrder>();
        services.AddDomainEventHandler<OrderRefunded, TouchMemberOnOrder>();
        services.AddTags();
        services.AddWeCom();
        services.AddGuides();
        services.AddPoints().AddTiers().AddOrders().AddCommission();

        // The points ledger behind coupon exchanges.
        services.AddSingleton<Coupons.IPointsWallet, PointsWallet>();
        services.AddCoupons();
        services.AddPartners().AddPartnerMemberFields();
        return services;
    }
}
