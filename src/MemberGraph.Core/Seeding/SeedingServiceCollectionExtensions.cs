namespace MemberGraph.Seeding;

public static class SeedingServiceCollectionExtensions
{
    /// <summary>The demo brand: the first-start seed, the scripted story, the bulk seed and the demo accounts.</summary>
    public static IServiceCollection AddSeeding(this IServiceCollection services)
    {
        services.AddSingleton<DemoOrders>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DemoStoryParts>();
        services.AddSingleton<DemoStory>();
        services.AddSingleton<DemoAccounts>();
        return services;
    }
}
