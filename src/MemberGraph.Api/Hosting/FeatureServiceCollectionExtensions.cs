using MemberGraph.Audit;
using MemberGraph.Guides;
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

        // OneID: every feature owning member-linked rows adds its IMergeParticipant here.
        services.AddSingleton<OneIdService>();
        services.AddSingleton<MemberMerger>();
        services.AddSingleton<IMergeParticipant, IdentityMergeParticipant>();
        services.AddSingleton<IMergeParticipant, GuideRelationshipMergeParticipant>();
        services.AddTransient<MemberSignInService>();
        return services;
    }
}
