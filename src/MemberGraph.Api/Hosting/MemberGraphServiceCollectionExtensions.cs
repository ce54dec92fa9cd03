using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.Seeding;
using MemberGraph.Tencent.WeChat;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemberGraph.Hosting;

public static class MemberGraphServiceCollectionExtensions
{
    /// <summary>Everything the gateway needs; the host, the CLI and the tests all call this one method.</summary>
    public static IServiceCollection AddMemberGraph(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<MemberGraphOptions>(configuration.GetSection(MemberGraphOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemberGraphData(configuration, environment);
        services.AddMemberGraphAuth(configuration);
        services.AddMemberGraphGraphQL(configuration);
        services.AddWeChat(configuration);
        services.AddMemberGraphFeatures();
        services.AddSingleton<DemoOrders>();
        services.AddSingleton<DemoSeeder>();
        services.AddHealthChecks();
        return services;
    }
}
