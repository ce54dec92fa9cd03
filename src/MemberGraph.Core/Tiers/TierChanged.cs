using MemberGraph.Domain;
using MemberGraph.Realtime;

namespace MemberGraph.Tiers;

/// <summary>
/// A member changed level: raised in the transaction that changed it (an order, the recompute) and, being a
/// notification as it stands, published after the commit to "member:{id}" (<c>tierChanged</c>).
/// </summary>
public sealed record TierChanged(long MemberId, int FromLevel, int ToLevel, string Name, DateTime OccurredAt)
    : IntegrationEvent($"member:{MemberId}", OccurredAt), IDomainEvent;
