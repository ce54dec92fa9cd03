using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Privacy.Erasure;

namespace MemberGraph.Guides.Tasks;

public static class GuideTasksServiceCollectionExtensions
{
    /// <summary>Guide task campaigns: creation and fill, completing and coupon sending, the one-task assigner for other features; erased members' open tasks close; a merge moves tasks to the survivor.</summary>
    public static IServiceCollection AddGuideTasks(this IServiceCollection services)
    {
        services.AddOptions<GuideTaskOptions>().BindConfiguration(GuideTaskOptions.Section);
        services.AddSingleton<GuideTaskCampaignFiller>();
        services.AddSingleton<GuideTaskCampaignService>();
        services.AddSingleton<GuideTaskService>();
        services.AddSingleton<GuideTaskAssigner>();
        services.AddSingleton<GuideTaskRates>();
        services.AddDomainEventHandler<MemberErased, CloseTasksOnErasure>();
        services.AddSingleton<IMergeParticipant, GuideTaskMergeParticipant>();
        return services;
    }
}
