using System.Collections.Concurrent;

namespace MemberGraph.Realtime;

/// <summary>The single-instance event bus: delivers to this process's subscribers only.</summary>
public sealed class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventBus
{
    private readonly ConcurrentDictionary<string, ImmutableObserverList> _subscribers = new();

    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        Deliver(integrationEvent);
        return Task.CompletedTask;
    }

    public IObservable<IntegrationEvent> Subscribe(string audience) => new AudienceObservable(this, audience);

    /// <summary>Hands an event to the local subscribers of its audience; also used by the Redis bus on receipt.</summary>
    public void Deliver(IntegrationEvent integrationEvent)
    {
        if (!_subscribers.TryGetValue(integrationEvent.Audience, out var list))
        {
            return;
        }

        foreach (var observer in list.Observers)
        {
            try
            {
                observer.OnNext(integrationEvent);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber of {Audience} failed on {Event}", integrationEvent.Audience, integrationEvent.GetType().Name);
            }
        }
    }

    private void Add(string audience, IObserver<IntegrationEvent> observer) =>
        _subscribers.AddOrUpdate(audience, _ => new([observer]), (_, list) => new([.. list.Observers, observer]));

    private void Remove(string audience, IObserver<IntegrationEvent> observer) =>
        _subscribers.AddOrUpdate(audience, _ => new([]), (_, list) => new(list.Observers.Where(o => o != observer).ToArray()));

    private sealed record ImmutableObserverList(IObserver<IntegrationEvent>[] Observers);

    private sealed class AudienceObservable(InProcessEventBus bus, string audience) : IObservable<IntegrationEvent>
    {
        public IDisposable Subscribe(IObserver<IntegrationEvent> observer)
        {
            bus.Add(audience, observer);
            return new Unsubscriber(() => bus.Remove(audience, observer));
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
