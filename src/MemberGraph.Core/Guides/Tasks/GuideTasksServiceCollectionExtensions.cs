using MemberGraph.Domain;
using MemberGraph.Privacy.Erasure;

namespace MemberGraph.Guides.Tasks;

public static class GuideTasksServiceCollectionExtensions
{
    /// <summary>Guide task campaigns: creation and fill, completing and coupon sending, the one-task assigner for other features; erased members' open tasks close.</summary>
    public static IServiceCollection AddGuideTasks(this IServiceCollection services)
    {
        services.AddOptions<GuideTaskOptions>().BindConfiguration(GuideTaskOptions.Section);
        services.AddSingleton<GuideTaskCampaignFiller>();
        services.AddSingleton<GuideTaskCampaignService>();
        services.AddSingleton<GuideTaskService>();
        services.AddSingleton<GuideTaskAssigner>();
        services.AddSingleton<GuideTaskRates>();
        services.AddDomainEventHandler<MemberErased, CloseTasksOnErasure>();
        return services;
    }
}
