using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace MemberGraph.Realtime;

/// <summary>
/// The one Redis connection of the instance. Created with AbortOnConnectFail=false so the gateway starts and
/// serves while Redis is down, and reconnects in the background.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    public RedisConnection(string connectionString, ILogger<RedisConnection> logger)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        Multiplexer = ConnectionMultiplexer.Connect(options);
        Multiplexer.ConnectionFailed += (_, e) => logger.LogError("Redis connection lost ({FailureType}); cross-instance events wait until it returns", e.FailureType);
        Multiplexer.ConnectionRestored += (_, _) => logger.LogInformation("Redis connection restored; cross-instance events resumed");
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public void Dispose() => Multiplexer.Dispose();
}

/// <summary>Readiness: Healthy with Redis connected, Degraded (still serving) when it is not.</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.Multiplexer.IsConnected
            ? HealthCheckResult.Healthy("Redis connected")
            : HealthCheckResult.Degraded("Redis unreachable: serving; events for other instances wait until it returns"));
}
