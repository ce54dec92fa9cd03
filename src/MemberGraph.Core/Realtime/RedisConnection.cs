using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace MemberGraph.Realtime;

/// <summary>
/// The one Redis connection of the instance. Created with AbortOnConnectFail=false so the gateway starts and
/// serves while Redis is down, and reconnects in the background.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    public RedisConnection(string connectionString, RedisOutage outage, ILogger<RedisConnection> logger)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        Multiplexer = ConnectionMultiplexer.Connect(options);

        // Both fire per physical connection (interactive and pub/sub) and again at every failed reconnection attempt:
        // the outage is logged once when it starts and summarised by the event bus when what waited has been sent.
        Multiplexer.ConnectionFailed += (_, e) => outage.Noticed($"connection lost: {e.FailureType}");
        Multiplexer.ConnectionRestored += (_, e) => logger.LogDebug("Redis {ConnectionType} connection restored", e.ConnectionType);
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
