using MemberGraph.Audit;
using MemberGraph.Coupons;
using MemberGraph.Members;
using MemberGraph.Realtime;

namespace MemberGraph.Hosting;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>The domain services of each feature folder.</summary>
    public static IServiceCollection AddMemberGraphFeatures(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<InProcessEventBus>());
        services.AddSingleton<OneIdService>();
        services.AddCoupons();
        return services;
    }
}
