namespace MemberGraph.Realtime;

/// <summary>
/// Carries domain events to subscribers: in-process by default, Redis pub/sub across gateway instances when
/// configured. Publish only after the transaction that produced the event committed.
/// </summary>
public interface IEventBus
{
    Task PublishAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default);

    /// <summary>Events for one audience, as they arrive on this instance.</summary>
    IObservable<DomainEvent> Subscribe(string audience);
}
