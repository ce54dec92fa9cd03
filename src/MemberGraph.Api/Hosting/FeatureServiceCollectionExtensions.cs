using MemberGraph.Audit;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Realtime;
using MemberGraph.Tiers;

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
        services.AddPoints().AddTiers().AddOrders();
        return services;
    }
}
