using MemberGraph.Members;

namespace MemberGraph.Tiers;

public static class TierServiceCollectionExtensions
{
    /// <summary>Levels (section <c>Tiers</c>), upgrades and the recompute step, merges, <c>Member.tier</c>.</summary>
    public static IServiceCollection AddTiers(this IServiceCollection services)
    {
        services.AddOptions<TierOptions>().BindConfiguration(TierOptions.Section);
        services.AddSingleton<TierLadder>();
        services.AddSingleton<TierService>();
        services.AddSingleton<IMergeParticipant, TierMergeParticipant>();
        services.AddSingleton<IMemberFields, TierMemberFields>();
        return services;
    }
}
