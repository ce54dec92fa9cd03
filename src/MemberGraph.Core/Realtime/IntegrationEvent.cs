namespace MemberGraph.Realtime;

/// <summary>
/// An integration event: news of a committed change, carried by the <see cref="IEventBus"/> to subscribers (and to the
/// other instances through Redis). Not to be confused with <see cref="Domain.IDomainEvent"/>, which is raised and
/// handled inside the transaction. <see cref="Audience"/> says whose subscribers may receive it ("member:42",
/// "guide:7"), so a subscriber only gets its own events. On the Redis wire an event is named by its concrete record
/// (<c>PointsChanged</c>), never by this base type.
/// </summary>
public abstract record IntegrationEvent(string Audience, DateTime OccurredAt);
