namespace MemberGraph.Points;

/// <summary>
/// A member's running totals, the row concurrent writers contend on: every change goes through a conditional
/// UPDATE (<c>... WHERE Balance >= @x</c>) inside the transaction, so two redemptions can never overdraw it.
/// Invariants: Balance = sum of available lots' remaining = sum of ledger amounts; Pending = sum of pending lots.
/// </summary>
public sealed class PointsAccount
{
    public long MemberId { get; set; }
    public long Balance { get; set; }
    public long Pending { get; set; }

    /// <summary>Bumped by every change; an optimistic concurrency token for EF writers.</summary>
    public long Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}
