using MemberGraph.Audit;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Realtime;
using MemberGraph.Tencent.WeCom;

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
        services.AddWeCom();
        services.AddGuides();
        return services;
    }
}
