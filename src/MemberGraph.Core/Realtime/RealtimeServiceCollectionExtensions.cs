namespace MemberGraph.Realtime;

public static class RealtimeServiceCollectionExtensions
{
    /// <summary>The in-process bus, or the Redis-backed bus when <c>ConnectionStrings:Redis</c> is set.</summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<IntegrationEventSerializer>();
        services.AddSingleton<OwnEvents>();
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<InProcessEventBus>());
            return services;
        }

        services.AddSingleton<RedisOutage>();
        services.AddSingleton(sp => new RedisConnection(redis, sp.GetRequiredService<RedisOutage>(), sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton<RedisEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<RedisEventBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisEventBus>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }
}
