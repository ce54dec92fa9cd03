using MemberGraph.Realtime;

namespace MemberGraph.Points;

/// <summary>A member's points moved (published after commit to "member:{id}"): the new totals and the entry.</summary>
public sealed record PointsChanged(long MemberId, long Balance, long Pending, PointsEntry Entry, DateTime OccurredAt)
    : IntegrationEvent($"member:{MemberId}", OccurredAt);
