namespace MemberGraph.Realtime;

/// <summary>
/// Carries integration events to subscribers: in-process by default, Redis pub/sub across gateway instances when
/// configured. Publish only after the transaction that produced the event committed.
/// </summary>
public interface IEventBus
{
    Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default);

    /// <summary>Events for one audience, as they arrive on this instance.</summary>
    IObservable<IntegrationEvent> Subscribe(string audience);
}
