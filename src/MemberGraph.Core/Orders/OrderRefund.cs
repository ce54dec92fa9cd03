namespace MemberGraph.Orders;

/// <summary>
/// One refund of an order, idempotent by (order, <see cref="RefundId"/>). Records what happened to the order's
/// points: pending points cancelled, available points deducted, and the shortfall when the balance could not
/// cover the deduction (balances never go negative).
/// </summary>
public sealed class OrderRefund
{
    public long Id { get; set; }
    public long OrderId { get; set; }

    /// <summary>The channel's refund id (the idempotency key of this refund).</summary>
    public string RefundId { get; set; } = "";

    public RefundKind Kind { get; set; }
    public long AmountCents { get; set; }
    public string? Reason { get; set; }
    public DateTime RefundedAt { get; set; }
    public long PointsCancelled { get; set; }
    public long PointsDeducted { get; set; }
    public long PointsShortfall { get; set; }
    public string ContentHash { get; set; } = "";

    public List<OrderRefundLine> Lines { get; set; } = [];
}

/// <summary>How much of one order line a refund returned.</summary>
public sealed class OrderRefundLine
{
    public long Id { get; set; }
    public long RefundId { get; set; }
    public long OrderLineId { get; set; }
    public int LineNumber { get; set; }
    public int Quantity { get; set; }
    public long AmountCents { get; set; }
}

public enum RefundKind
{
    Full = 1,
    Lines = 2,
    Amount = 3,
}
