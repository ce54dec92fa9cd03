using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Orders;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemberGraph.Coupons;

public static class CouponServiceCollectionExtensions
{
    /// <summary>The coupon services. <see cref="IPointsWallet"/> is the points feature's (<c>AddPoints</c>).</summary>
    public static IServiceCollection AddCoupons(this IServiceCollection services)
    {
        services.AddOptions<CouponOptions>().BindConfiguration(CouponOptions.Section);
        services.AddSingleton<CouponTemplateService>();
        services.AddSingleton<CouponService>();
        services.AddSingleton<CouponAccess>();
        services.AddSingleton<CouponWriteOffService>();
        services.AddSingleton<CouponExpiry>();
        services.AddSingleton<CouponExpiryReminders>();
        services.AddSingleton<CouponRecommender>();
        services.AddSingleton<IMergeParticipant, CouponMergeParticipant>();
        services.AddDomainEventHandler<OrderRefunded, ReturnCouponsOnRefund>();
        services.AddDomainEventHandler<CouponIssued, CouponUpdates>();
        services.AddDomainEventHandler<CouponRedeemed, CouponUpdates>();
        return services;
    }
}
