using MemberGraph.Data;

namespace MemberGraph.Domain;

public static class DomainEventServiceCollectionExtensions
{
    /// <summary>
    /// The dispatcher. Features register their <see cref="IDomainEventHandler{TEvent}"/>s in their own <c>AddX</c> with
    /// <see cref="AddDomainEventHandler{TEvent, THandler}"/>.
    /// </summary>
    public static IServiceCollection AddDomainEvents(this IServiceCollection services) => services
        .AddSingleton<SqliteWriterQueue>()
        .AddSingleton<SqliteWriterConnection>()
        .AddSingleton<WritesBeforeTheTurn>()
        .AddSingleton<DomainEventDispatcher>();

    /// <summary>Registers a handler (a singleton); the handlers of one event run in the order they were registered.</summary>
    public static IServiceCollection AddDomainEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IDomainEvent
        where THandler : class, IDomainEventHandler<TEvent> =>
        services.AddSingleton<IDomainEventHandler<TEvent>, THandler>();
}
