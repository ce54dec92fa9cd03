namespace MemberGraph.Points;

/// <summary>
/// One line of the append-only points ledger. <see cref="Amount"/> is the change to the available balance and
/// <see cref="PendingChange"/> the change to pending points, so the ledger sums to both totals. Every entry has a
/// reason and a source, and an idempotency key unique per member: a replayed operation finds its first entry.
/// </summary>
public sealed class PointsEntry
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public PointsEntryKind Kind { get; set; }
    public long Amount { get; set; }
    public long PendingChange { get; set; }
    public long BalanceAfter { get; set; }
    public long PendingAfter { get; set; }
    public string Reason { get; set; } = "";
    public PointsSourceKind SourceKind { get; set; }

    /// <summary>The id of the source (order id, coupon id, job run, operator subject), when there is one.</summary>
    public string? SourceId { get; set; }

    public string IdempotencyKey { get; set; } = "";
    public DateTime At { get; set; }
}

public enum PointsEntryKind
{
    /// <summary>Points earned (pending until the return window closes, or available at once).</summary>
    Earn = 1,

    /// <summary>Pending points became available.</summary>
    Release = 2,

    /// <summary>Points spent by the member (redemption, exchange for a coupon).</summary>
    Redeem = 3,

    /// <summary>Points removed because their lot expired.</summary>
    Expire = 4,

    /// <summary>Manual correction by an operator.</summary>
    Adjust = 5,

    /// <summary>Points taken back by a refund (pending cancelled and/or available deducted).</summary>
    Reverse = 6,
}

public enum PointsSourceKind
{
    Order = 1,
    Refund = 2,
    Exchange = 3,
    Job = 4,
    Operator = 5,
    Member = 6,

    /// <summary>Credited by a partner mall from its own points (<c>creditPartnerPoints</c>).</summary>
    Partner = 7,
}
