using System.Collections.Concurrent;
using StackExchange.Redis;

namespace MemberGraph.Realtime;

/// <summary>
/// The multi-instance event bus. Every event is delivered to this instance's subscribers at once (so Redis being
/// down never silences local subscribers), appended to a short Redis stream and published on a Redis channel;
/// events another instance published are delivered here, each once (by event id).
/// <para>
/// A Redis outage loses nothing recent: events raised while Redis is unreachable wait in a bounded backlog and go out
/// when the connection returns, and an instance whose connection returns reads the stream for what it missed (again
/// a little later, for instances that came back after it). Events older than <see cref="CatchUpWindow"/> are not
/// delivered late: they were notifications, and the data they announced is read fresh anyway.
/// </para>
/// </summary>
public sealed class RedisEventBus(
    RedisConnection redis,
    InProcessEventBus local,
    IntegrationEventSerializer serializer,
    RedisOutage outage,
    TimeProvider clock,
    ILogger<RedisEventBus> logger) : IEventBus, IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("membergraph:events");

    /// <summary>The stream of recent events that instances read after a reconnection.</summary>
    public static readonly RedisKey Stream = "membergraph:events:recent";

    /// <summary>How late an event may still be delivered after an outage.</summary>
    public static readonly TimeSpan CatchUpWindow = TimeSpan.FromMinutes(10);

    /// <summary>How many events may wait for Redis; the oldest go first when more arrive.</summary>
    public const int MaxBacklog = 10_000;

    private const int StreamLength = 10_000;
    private static readonly TimeSpan[] CatchUpDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)];

    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<(string Payload, DateTime OccurredAt)> _backlog = new();
    private readonly ConcurrentDictionary<string, DateTime> _delivered = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private DateTime _nextForget;
    private int _catchingUp;

    /// <summary>Events raised here while Redis was unreachable, not yet sent.</summary>
    public int Backlog => _backlog.Count;

    public async Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        local.Deliver(integrationEvent);
        var payload = serializer.Serialize(integrationEvent, _origin, Guid.NewGuid().ToString("N"));
        if (!redis.Multiplexer.IsConnected)
        {
            // Known to be down: do not make the mutation that raised the event wait for a timeout.
            Keep(payload, integrationEvent, "not connected");
            return;
        }

        if (!_backlog.IsEmpty)
        {
            // What waited goes first, so the other instances hear events in the order they happened; the mutation
            // that raised this one does not wait for that.
            Enqueue(payload, integrationEvent.OccurredAt);
            _ = FlushInBackgroundAsync();
            return;
        }

        try
        {
            await SendAsync(payload);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Keep(payload, integrationEvent, ex.Message);
            return;
        }

        if (outage.IsOngoing)
        {
            // Redis answered again without a reconnection (a send had timed out): nothing waits, the outage is over.
            outage.Over();
        }
    }

    public IObservable<IntegrationEvent> Subscribe(string audience) => local.Subscribe(audience);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, message) => DeliverRemote(message.ToString(), late: false));
        redis.Multiplexer.ConnectionRestored += (_, _) => _ = CatchUpAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SendAsync(string payload)
    {
        var database = redis.Multiplexer.GetDatabase();
        await database.StreamAddAsync(Stream, "e", payload, maxLength: StreamLength, useApproximateMaxLength: true);
        await redis.Multiplexer.GetSubscriber().PublishAsync(Channel, payload);
    }

    /// <summary>The event waits for Redis; the outage is logged once, not per event (<see cref="RedisOutage"/>).</summary>
    private void Keep(string payload, IntegrationEvent integrationEvent, string why)
    {
        Enqueue(payload, integrationEvent.OccurredAt);
        outage.Waited(why);
        logger.LogDebug("{Event} for {Audience} waits for Redis ({Error})", integrationEvent.GetType().Name, integrationEvent.Audience, why);
    }

    private void Enqueue(string payload, DateTime occurredAt)
    {
        _backlog.Enqueue((payload, occurredAt));
        var dropped = 0;
        while (_backlog.Count > MaxBacklog && _backlog.TryDequeue(out _))
        {
            dropped++;
        }

        if (dropped > 0)
        {
            outage.Dropped(dropped, backlogFull: true);
        }
    }

    private async Task FlushInBackgroundAsync()
    {
        try
        {
            await FlushBacklogAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            outage.Noticed($"sending the events that waited failed: {ex.Message}; they are kept for the next attempt");
        }
    }

    /// <summary>After a reconnection: send what waited here, then read what other instances sent meanwhile.</summary>
    private async Task CatchUpAsync()
    {
        // ConnectionRestored fires for each of the multiplexer's connections: one catch-up covers them all.
        if (Interlocked.Exchange(ref _catchingUp, 1) == 1)
        {
            return;
        }

        try
        {
            await CatchUpStepsAsync();
        }
        finally
        {
            Volatile.Write(ref _catchingUp, 0);
        }
    }

    private async Task CatchUpStepsAsync()
    {
        foreach (var delay in CatchUpDelays)
        {
            try
            {
                await Task.Delay(delay, clock);
                await FlushBacklogAsync();
                await ReadMissedAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                outage.Noticed($"catch-up after reconnection failed: {ex.Message}; the next attempt follows");
            }
        }
    }

    private async Task FlushBacklogAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            var sent = 0;
            var stale = 0;
            var oldest = clock.GetUtcNow().UtcDateTime - CatchUpWindow;
            while (redis.Multiplexer.IsConnected && _backlog.TryPeek(out var waiting))
            {
                if (waiting.OccurredAt >= oldest)
                {
                    await SendAsync(waiting.Payload);
                    sent++;
                    outage.Sent(1);
                }
                else
                {
                    stale++;
                }

                // Only if still at the head: trimming a full backlog may have dropped it meanwhile.
                if (_backlog.TryPeek(out var head) && ReferenceEquals(head.Payload, waiting.Payload))
                {
                    _backlog.TryDequeue(out _);
                }
            }

            if (stale > 0)
            {
                outage.Dropped(stale, backlogFull: false);
            }

            if (sent + stale > 0)
            {
                logger.LogDebug("Redis: {Sent} event(s) that waited sent, {Stale} too old to send", sent, stale);
            }

            if (redis.Multiplexer.IsConnected && _backlog.IsEmpty)
            {
                outage.Over();
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task ReadMissedAsync()
    {
        // Stream ids start with Redis's clock in ms: read from twice the window back (room for clock skew), not the
        // whole stream; DeliverRemote applies the window itself.
        var from = (clock.GetUtcNow() - 2 * CatchUpWindow).ToUnixTimeMilliseconds();
        var entries = await redis.Multiplexer.GetDatabase().StreamRangeAsync(Stream, $"{from}-0", "+");
        foreach (var entry in entries)
        {
            if (entry["e"] is { IsNullOrEmpty: false } payload)
            {
                DeliverRemote(payload.ToString(), late: true);
            }
        }
    }

    /// <summary>
    /// Delivers another instance's event here once, whether it came by the channel or (<paramref name="late"/>) from the
    /// stream after a reconnection, where only events within <see cref="CatchUpWindow"/> still count.
    /// </summary>
    private void DeliverRemote(string message, bool late)
    {
        if (serializer.Deserialize(message) is not { } received || received.Origin == _origin)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if ((late && received.Event.OccurredAt < now - CatchUpWindow) || !_delivered.TryAdd(received.Id, now))
        {
            return;
        }

        local.Deliver(received.Event);
        ForgetOldIds(now);
    }

    /// <summary>Ids older than the catch-up window can no longer come back; dropped once a minute.</summary>
    private void ForgetOldIds(DateTime now)
    {
        if (now < _nextForget)
        {
            return;
        }

        _nextForget = now + TimeSpan.FromMinutes(1);
        foreach (var (id, at) in _delivered)
        {
            if (at < now - CatchUpWindow)
            {
                _delivered.TryRemove(id, out _);
            }
        }
    }
}
