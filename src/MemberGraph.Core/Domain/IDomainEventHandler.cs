namespace MemberGraph.Domain;

/// <summary>
/// A feature's reaction to a domain event, inside the transaction of the unit of work that raised it: whatever it
/// changes on <see cref="UnitOfWork.Db"/> commits or rolls back with that change. Handlers live in the folder of the
/// feature they serve and are registered as singletons; the handlers of one event run one after the other in the
/// order they were registered (the order the features are added in). A handler may raise further events (handled
/// after the current event's handlers) and add integration events to publish after the commit.
/// <para>
/// A handler that throws fails the whole unit of work: nothing it or anyone else wrote commits and nothing is
/// published. So refuse nothing here — business refusals are the service's, before it raises — apply the rules and
/// record what happened. A retried unit of work raises its events again, so handlers run again on the retry.
/// </para>
/// </summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, UnitOfWork work, CancellationToken cancellationToken);
}
