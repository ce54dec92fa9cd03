using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Jobs;
using MemberGraph.Realtime;
using MemberGraph.Seeding;
using MemberGraph.Tencent.Sandbox;
using MemberGraph.Tencent.WeChat;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemberGraph.Hosting;

public static class MemberGraphServiceCollectionExtensions
{
    /// <summary>Everything the gateway needs; the host, the CLI and the tests all call this one method.</summary>
    public static IServiceCollection AddMemberGraph(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<MemberGraphOptions>(configuration.GetSection(MemberGraphOptions.Section));
        services.TryAddSingleton(TimeProvider.System); // a test host may register its own clock first
        services.AddMemberGraphData(configuration, environment);
        services.AddMemberGraphAuth(configuration);
        services.AddMemberGraphGraphQL(configuration);
        services.AddTencentSandbox(configuration, environment);
        services.AddWeChat(configuration);
        services.AddRealtime(configuration);
        services.AddDomainEvents();
        services.AddJobs(configuration, DatabaseProvider.From(configuration, new DataFolder(configuration["MemberGraph:DataDir"] ?? "data", environment.ContentRootPath).Path));
        services.AddMemberGraphFeatures();
        services.AddSeeding();
        services.AddMemberGraphHealthChecks();
        return services;
    }
}
