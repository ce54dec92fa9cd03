using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.Hosting.RateLimiting;

namespace MemberGraph.Hosting;

public static class MemberGraphServiceCollectionExtensions
{
    /// <summary>Everything the gateway needs; the host, the CLI and the tests all call this one method.</summary>
    public static IServiceCollection AddMemberGraph(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddMemberGraphCore(configuration, environment);
        services.AddBearerAuthentication();
        services.AddMemberGraphGraphQL(configuration);
        services.AddMemberGraphRateLimits();
        services.AddMemberGraphCors();
        services.AddMemberGraphHealthChecks();
        return services;
    }
}
