using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Privacy.Erasure;
using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Guides;

public static class GuidesServiceCollectionExtensions
{
    /// <summary>The guide feature: relationships, WeCom contact events, sign-in, the sidebar, contact ways, transfers; an erased member's relationships end.</summary>
    public static IServiceCollection AddGuides(this IServiceCollection services)
    {
        services.AddOptions<GuideOptions>().BindConfiguration(GuideOptions.Section);
        services.AddSingleton<StoreClientele>();
        services.AddSingleton<StoreAssignment>();
        services.AddSingleton<GuideBindingService>();
        services.AddSingleton<SidebarService>();
        services.AddSingleton<IMergeParticipant, GuideRelationshipMergeParticipant>();

        // These call WeCom through the typed WeComClient (transient), so they are transient too.
        services.AddTransient<IWeComContactEventHandler, WeComContactEventHandler>();
        services.AddTransient<GuideSignInService>();
        services.AddTransient<GuideContactWayService>();
        services.AddTransient<CustomerTransferService>();
        services.AddTransient<CustomerTransferCompletion>();
        services.AddTransient<GuideResignationService>();
        services.AddSingleton<IMergeParticipant, CustomerTransferMergeParticipant>();
        services.AddDomainEventHandler<MemberErased, EndRelationshipsOnErasure>();
        return services;
    }
}
