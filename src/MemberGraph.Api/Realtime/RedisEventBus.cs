using StackExchange.Redis;

namespace MemberGraph.Realtime;

/// <summary>
/// The multi-instance event bus. Every event is delivered to this instance's subscribers at once (so Redis being
/// down never silences local subscribers) and published on a Redis channel; events received from Redis that
/// another instance published are delivered here. StackExchange.Redis reconnects and resubscribes by itself,
/// so cross-instance delivery resumes without a restart when Redis comes back.
/// </summary>
public sealed class RedisEventBus(
    RedisConnection redis,
    InProcessEventBus local,
    DomainEventSerializer serializer,
    ILogger<RedisEventBus> logger) : IEventBus, IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("membergraph:events");
    private readonly string _origin = Guid.NewGuid().ToString("N");

    public async Task PublishAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
    {
        local.Deliver(domainEvent);
        if (!redis.Multiplexer.IsConnected)
        {
            // Known to be down: do not make the mutation that raised the event wait for a timeout.
            logger.LogError("Redis unavailable: {Event} for {Audience} reached only this instance's subscribers (not connected)",
                domainEvent.GetType().Name, domainEvent.Audience);
            return;
        }

        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(Channel, serializer.Serialize(domainEvent, _origin));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogError("Redis unavailable: {Event} for {Audience} reached only this instance's subscribers ({Error})",
                domainEvent.GetType().Name, domainEvent.Audience, ex.Message);
        }
    }

    public IObservable<DomainEvent> Subscribe(string audience) => local.Subscribe(audience);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            if (serializer.Deserialize(message.ToString()) is { } received && received.Origin != _origin)
            {
                local.Deliver(received.Event);
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
