using MemberGraph.Realtime;

namespace MemberGraph.Tiers;

/// <summary>A member changed level (published after commit to "member:{id}").</summary>
public sealed record TierChanged(long MemberId, int FromLevel, int ToLevel, string Name, DateTime OccurredAt)
    : DomainEvent($"member:{MemberId}", OccurredAt);
