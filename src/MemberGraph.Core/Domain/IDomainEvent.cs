namespace MemberGraph.Domain;

/// <summary>
/// Something that happened in the domain, raised inside the unit of work that made it happen
/// (<see cref="UnitOfWork.Raise"/>): a record named in the past tense, in the business's words (<c>OrderRecorded</c>).
/// The owning features react to it in the same transaction through <see cref="IDomainEventHandler{TEvent}"/>s.
/// <para>
/// What subscribers hear after the commit are integration events: <see cref="Realtime.IntegrationEvent"/> records on the
/// bus. A handler adds them with <see cref="UnitOfWork.Publish"/>. A fact that is also a notification as it stands
/// (<c>TierChanged</c>, <c>CustomerBound</c>) is both kinds at once: raising it is enough, it is published after the commit.
/// </para>
/// </summary>
public interface IDomainEvent;
