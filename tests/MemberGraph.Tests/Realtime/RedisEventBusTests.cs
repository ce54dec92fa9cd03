using System.Collections.Concurrent;
using MemberGraph.Realtime;
using MemberGraph.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MemberGraph.Tests.Realtime;

/// <summary>Two gateway instances on one real redis-server: events cross instances, and survive a Redis outage (locally at once, on the other instance when Redis returns).</summary>
public sealed class RedisEventBusTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private GatewayHost _a = null!;
    private GatewayHost _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = _redis.ConnectionString };
        _a = await GatewayHost.StartAsync(settings);
        _b = await GatewayHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task An_event_published_on_one_instance_reaches_the_audience_subscribed_on_the_other_once()
    {
        // given
        var onB = Record(_b, "member:1");
        var onA = Record(_a, "member:1");
        var otherAudience = Record(_b, "member:2");

        // when
        await _a.Service<IEventBus>().PublishAsync(new TestPing("member:1", DateTime.UtcNow, "hello"));

        // then
        await Eventually(() => onB.Count == 1 && onA.Count == 1);
        await Task.Delay(200);
        Assert.Single(onB);
        Assert.Single(onA);
        Assert.Equal("hello", ((TestPing)onB.Single()).Text);
        Assert.Empty(otherAudience);
    }

    [Fact]
    public async Task With_Redis_down_local_subscribers_still_get_events_health_is_degraded_and_delivery_resumes_after()
    {
        // given
        var onA = Record(_a, "guide:9");
        var onB = Record(_b, "guide:9");
        await _redis.StopAsync();
        await Eventually(() => !_a.Service<RedisConnection>().Multiplexer.IsConnected);

        // when Redis is down
        await _a.Service<IEventBus>().PublishAsync(new TestPing("guide:9", DateTime.UtcNow, "during outage"));

        // then: local delivery, logged, degraded
        Assert.Single(onA);
        Assert.Contains(_a.Logs.Lines, line => line.Contains("Redis unavailable", StringComparison.Ordinal));
        var health = await _a.Http.GetStringAsync("/readyz");
        Assert.Equal("Degraded", health);

        // when Redis is back (no restart of the gateways)
        await _redis.StartAgainAsync();
        await Eventually(() => _a.Service<RedisConnection>().Multiplexer.IsConnected && _b.Service<RedisConnection>().Multiplexer.IsConnected, seconds: 20);

        // then: the event raised during the outage reaches B late, without any new event to carry it
        await Eventually(() => onB.Any(e => ((TestPing)e).Text == "during outage"), seconds: 20);
        Assert.DoesNotContain(onB, e => ((TestPing)e).Text != "during outage");
        Assert.Equal(0, ((RedisEventBus)_a.Service<IEventBus>()).Backlog);

        // when: live delivery goes on
        await Eventually(async () =>
        {
            await _a.Service<IEventBus>().PublishAsync(new TestPing("guide:9", DateTime.UtcNow, "after"));
            await Task.Delay(100);
            return onB.Any(e => ((TestPing)e).Text == "after");
        }, seconds: 20);

        // then: every event once on B, however it came (channel, stream read after the reconnection, again 10 s later)
        await Task.Delay(TimeSpan.FromSeconds(11));
        Assert.Single(onB, e => ((TestPing)e).Text == "during outage");
        Assert.Single(onA, e => ((TestPing)e).Text == "during outage");
        Assert.Equal("Healthy", await _a.Http.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task A_Redis_outage_is_logged_once_and_summarised_when_it_ends_not_once_per_event()
    {
        // given: B listening; A's log from here on
        var onB = Record(_b, "member:77");
        var before = _a.Logs.Lines.Count;

        // when: Redis is down for a while A raises 500 events
        await _redis.StopAsync();
        await Eventually(() => !_a.Service<RedisConnection>().Multiplexer.IsConnected);
        for (var i = 0; i < 500; i++)
        {
            await _a.Service<IEventBus>().PublishAsync(new TestPing("member:77", DateTime.UtcNow, $"ping {i}"));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));

        // then: one line says Redis is unavailable, and each connection's loss at most once
        var duringOutage = _a.Logs.Lines.Skip(before).Where(IsWarningOrError).ToList();
        Assert.True(duringOutage.Count <= 3, $"{duringOutage.Count} warning/error lines during the outage:\n{string.Join('\n', duringOutage.Take(10))}");

        // when Redis returns
        await _redis.StartAgainAsync();
        await Eventually(() => onB.Count == 500, seconds: 30);
        await Eventually(() => _a.Logs.Lines.Any(line => line.Contains("Redis outage over", StringComparison.Ordinal)), seconds: 20);

        // then: one line said Redis was unavailable, and one summary gives the figures
        var outageLines = _a.Logs.Lines.Skip(before).ToList();
        output.WriteLine($"{duringOutage.Count} warning/error line(s) during the outage, {outageLines.Count} line(s) in all:");
        outageLines.ForEach(output.WriteLine);
        Assert.Single(outageLines, line => line.Contains("Redis unavailable", StringComparison.Ordinal));
        var summary = Assert.Single(outageLines, line => line.Contains("Redis outage over", StringComparison.Ordinal));
        Assert.Contains("500 event(s) waited", summary, StringComparison.Ordinal);
        Assert.Contains("500 sent", summary, StringComparison.Ordinal);
        Assert.Contains("0 dropped", summary, StringComparison.Ordinal);
    }

    private static bool IsWarningOrError(string line) =>
        line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal);

    private static ConcurrentQueue<IntegrationEvent> Record(GatewayHost gateway, string audience)
    {
        var received = new ConcurrentQueue<IntegrationEvent>();
        gateway.Service<IEventBus>().Subscribe(audience).Subscribe(new Observer(received.Enqueue));
        return received;
    }

    private static Task Eventually(Func<bool> condition, int seconds = 10) => Eventually(() => Task.FromResult(condition()), seconds);

    private static async Task Eventually(Func<Task<bool>> condition, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Condition not met within {seconds} s.");
    }

    private sealed class Observer(Action<IntegrationEvent> onNext) : IObserver<IntegrationEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(IntegrationEvent value) => onNext(value);
    }
}
