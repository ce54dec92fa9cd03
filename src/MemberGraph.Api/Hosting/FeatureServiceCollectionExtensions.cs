using MemberGraph.Audit;
using MemberGraph.Members;

namespace MemberGraph.Hosting;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>The domain services of each feature folder.</summary>
    public static IServiceCollection AddMemberGraphFeatures(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<OneIdService>();
        services.AddSingleton<MemberReader>();
        services.AddSingleton<MemberCodeService>();
        services.AddSingleton<Tags.TagService>();
        return services;
    }
}
