namespace MemberGraph.Orders;

/// <summary>
/// A paid order from any sales channel. (Channel, ChannelOrderId) is unique: it is the idempotency key of
/// ingestion, so a replayed order lands once. Amounts are cents; refunds are tracked per line and in total.
/// </summary>
public sealed class Order
{
    public long Id { get; set; }
    public SalesChannel Channel { get; set; }
    public string ChannelOrderId { get; set; } = "";
    public long MemberId { get; set; }
    public long? StoreId { get; set; }

    /// <summary>The guide code carried by the order (share link, QR code, till entry), kept for attribution.</summary>
    public string? GuideCode { get; set; }

    /// <summary>The raw share parameter (live stream, share card), kept for attribution.</summary>
    public string? ShareParameter { get; set; }

    /// <summary>The guide the order is credited to (see <see cref="Commission.OrderAttributor"/>); null when none.</summary>
    public long? AttributedGuideId { get; set; }

    /// <summary>Why the order is credited to <see cref="AttributedGuideId"/>.</summary>
    public AttributionSource AttributionSource { get; set; }

    public long PaidAmountCents { get; set; }
    public long RefundedAmountCents { get; set; }
    public DateTime PaidAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public OrderStatus Status { get; set; } = OrderStatus.Paid;

    /// <summary>Points earned by the order (sum of its lines), before any refund.</summary>
    public long PointsEarned { get; set; }

    /// <summary>SHA-256 of the order's content as first recorded; a replay with other content is refused.</summary>
    public string ContentHash { get; set; } = "";

    public List<OrderLine> Lines { get; set; } = [];
    public List<OrderRefund> Refunds { get; set; } = [];

    public long RefundableCents => PaidAmountCents - RefundedAmountCents;
}

/// <summary>Where an order was placed.</summary>
public enum SalesChannel
{
    MiniProgram = 1,
    Tmall = 2,
    Jd = 3,
    Pos = 4,
    Douyin = 5,
    Meituan = 6,
    Eleme = 7,
}

public enum OrderStatus
{
    Paid = 0,
    PartiallyRefunded = 1,
    FullyRefunded = 2,
}
