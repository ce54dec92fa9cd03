using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Orders;

namespace MemberGraph.Tiers;

public static class TierServiceCollectionExtensions
{
    /// <summary>Levels (section <c>Tiers</c>), upgrades on orders and the recompute step, merges.</summary>
    public static IServiceCollection AddTiers(this IServiceCollection services)
    {
        services.AddOptions<TierOptions>().BindConfiguration(TierOptions.Section);
        services.AddSingleton<TierLadder>();
        services.AddSingleton<TierService>();
        services.AddDomainEventHandler<OrderRecorded, GrowTierOnOrder>();
        services.AddSingleton<IMergeParticipant, TierMergeParticipant>();
        return services;
    }
}
