using MemberGraph.Domain;
using MemberGraph.Privacy.Erasure;
using MemberGraph.Tags.Rules;

namespace MemberGraph.Tags.Tagging;

public static class TaggingServiceCollectionExtensions
{
    /// <summary>Tag definitions and manual tagging, the rule evaluators and the tagging engine (its jobs register with the other jobs); an erased member's tags go.</summary>
    public static IServiceCollection AddTags(this IServiceCollection services)
    {
        services.AddOptions<TaggingOptions>().BindConfiguration(TaggingOptions.Section);
        services.AddSingleton<TagService>();
        services.AddSingleton<TaggingEngine>();
        services.AddSingleton<ITagRuleEvaluator, RfmRule>();
        services.AddSingleton<ITagRuleEvaluator, CategoryPreferenceRule>();
        services.AddSingleton<ITagRuleEvaluator, PurchaseStageRule>();
        services.AddSingleton<ITagRuleEvaluator, StorePreferenceRule>();
        services.AddSingleton<ITagRuleEvaluator, DeliveryRadiusRule>();
        services.AddSingleton<ITagRuleEvaluator, LifecycleRule>();
        services.AddSingleton<ITagRuleEvaluator, BirthdayMonthRule>();
        services.AddSingleton<ITagRuleEvaluator, TierRule>();
        services.AddDomainEventHandler<MemberErased, RemoveTagsOnErasure>();
        return services;
    }
}
