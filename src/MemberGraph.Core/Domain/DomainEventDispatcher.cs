using System.Collections.Concurrent;
using MemberGraph.Data;
using MemberGraph.Realtime;

namespace MemberGraph.Domain;

/// <summary>
/// The one seam for side effects. <see cref="BeginAsync"/> opens a <see cref="UnitOfWork"/>; the handlers of each
/// event raised in it run inside its transaction (the event's handlers in registration order, events in the order
/// raised); once it committed, the integration events it collected go to the <see cref="IEventBus"/> — from here and
/// from nowhere else, so subscribers (and journeys) hear only what committed, once.
/// </summary>
public sealed class DomainEventDispatcher(
    IServiceProvider services, IEventBus bus, SqliteWriterQueue writers, SqliteWriterConnection writerConnection, WritesBeforeTheTurn preparing, ILogger<DomainEventDispatcher> logger)
{
    private readonly ConcurrentDictionary<Type, Func<IDomainEvent, UnitOfWork, CancellationToken, Task>> _runners = new();

    /// <summary>
    /// Begins a transaction on <paramref name="db"/> and the unit of work around it; on SQLite after this writer's turn in
    /// <see cref="SqliteWriterQueue"/>, which the unit of work holds until it is disposed.
    /// </summary>
    public async Task<UnitOfWork> BeginAsync(MemberGraphDb db, CancellationToken cancellationToken)
    {
        var work = Prepare(db);
        try
        {
            await work.BeginWritesAsync(cancellationToken);
            return work;
        }
        catch
        {
            await work.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A unit of work on <paramref name="db"/> that has not begun: raise what the change is about to do and run the handlers
    /// that decide how (<see cref="UnitOfWork.RunHandlersAsync"/>) — they read outside any transaction and, on SQLite, before
    /// this writer's turn — then <see cref="UnitOfWork.BeginWritesAsync"/>. Any write before that fails.
    /// </summary>
    public UnitOfWork Prepare(MemberGraphDb db)
    {
        var work = new UnitOfWork(db, this);
        preparing.Preparing(db, work);
        return work;
    }

    internal Task<WriterTurn> WaitForTurnAsync(MemberGraphDb db, CancellationToken cancellationToken) => writers.WaitForTurnAsync(db, cancellationToken);

    internal Task<IDisposable?> LendWriterConnectionAsync(MemberGraphDb db, CancellationToken cancellationToken) =>
        writerConnection.LendAsync(db, cancellationToken);

    internal void DonePreparing(MemberGraphDb db) => preparing.Done(db);

    internal Task HandleAsync(IDomainEvent domainEvent, UnitOfWork work, CancellationToken cancellationToken) =>
        _runners.GetOrAdd(domainEvent.GetType(), RunnerFor)(domainEvent, work, cancellationToken);

    /// <summary>
    /// After the commit. The change is durable by then, so a bus failure is logged rather than failing the request
    /// (which would make a client retry a change that happened) or keeping the events after it from going out.
    /// </summary>
    internal async Task PublishAsync(IReadOnlyList<IntegrationEvent> integrationEvents)
    {
        foreach (var integrationEvent in integrationEvents)
        {
            try
            {
                await bus.PublishAsync(integrationEvent, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not publish {Event} to {Audience}; the change it announces is committed",
                    integrationEvent.GetType().Name, integrationEvent.Audience);
            }
        }
    }

    private Func<IDomainEvent, UnitOfWork, CancellationToken, Task> RunnerFor(Type eventType) =>
        typeof(DomainEventDispatcher).GetMethod(nameof(RunAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(eventType)
            .CreateDelegate<Func<IDomainEvent, UnitOfWork, CancellationToken, Task>>(this);

    private async Task RunAsync<TEvent>(IDomainEvent domainEvent, UnitOfWork work, CancellationToken cancellationToken) where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
        {
            await handler.HandleAsync((TEvent)domainEvent, work, cancellationToken);
        }
    }
}
