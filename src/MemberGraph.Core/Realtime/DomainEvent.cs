namespace MemberGraph.Realtime;

/// <summary>
/// Something that happened in the domain, published after its transaction committed. <see cref="Audience"/>
/// says whose subscribers may receive it ("member:42", "guide:7"), so a subscriber only gets its own events.
/// </summary>
public abstract record DomainEvent(string Audience, DateTime OccurredAt);
