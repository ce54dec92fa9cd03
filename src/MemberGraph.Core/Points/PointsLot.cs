namespace MemberGraph.Points;

/// <summary>
/// Points earned together (usually by one order), with one expiry. Redemption and expiry take the oldest lots
/// first (FIFO by expiry, then id). A lot is pending until <see cref="AvailableAt"/> (the order's return window).
/// </summary>
public sealed class PointsLot
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long? OrderId { get; set; }
    public long Earned { get; set; }
    public long Remaining { get; set; }
    public DateTime EarnedAt { get; set; }
    public DateTime AvailableAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public PointsLotStatus Status { get; set; }

    /// <summary>Optimistic concurrency token: bumped on every change.</summary>
    public long Version { get; set; }
}

public enum PointsLotStatus
{
    /// <summary>Earned, inside the order's return window: not spendable yet, cancelled by a refund.</summary>
    Pending = 0,

    /// <summary>Spendable; <see cref="PointsLot.Remaining"/> counts in the balance.</summary>
    Available = 1,

    /// <summary>Fully spent or deducted.</summary>
    Exhausted = 2,

    /// <summary>Reached its expiry with points left; those were removed.</summary>
    Expired = 3,

    /// <summary>Pending points fully cancelled by refunds.</summary>
    Cancelled = 4,
}
