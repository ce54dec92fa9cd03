using System.ComponentModel;

namespace MemberGraph.Coupons;

/// <summary>
/// One thing that happened to a coupon, kept for good: the coupon's own columns say what it is now (a full refund
/// clears its write-off), its history says what it went through. Rows are only ever added, in the transaction of the
/// change they record (<see cref="CouponHistory"/>).
/// </summary>
public sealed class CouponHistoryEntry
{
    public long Id { get; set; }
    public long CouponId { get; set; }
    public CouponHistoryEvent Event { get; set; }
    public DateTime At { get; set; }

    /// <summary>Where it happened: the till's store, the refunded order's store; null where no store took part.</summary>
    public long? StoreId { get; set; }

    /// <summary>The order it was reserved for, released from, written off for or given back by.</summary>
    public string? OrderRef { get; set; }

    /// <summary>The order amount and what the coupon took off it, for write-offs and what a refund gave back.</summary>
    public long? OrderAmountCents { get; set; }

    public long? DiscountCents { get; set; }
}

public enum CouponHistoryEvent
{
    [Description("Issued to the member (claimed, sent by a guide, bought with points, seeded).")]
    Issued = 1,

    [Description("Held for an order in payment.")]
    Reserved = 2,

    [Description("Freed from an order whose payment was cancelled or that was refunded in full.")]
    Released = 3,

    [Description("Written off (核销) for an order.")]
    Redeemed = 4,

    [Description("Given back by the full refund of the order it was written off for.")]
    Restored = 5,

    [Description("Its window closed before it was used.")]
    Expired = 6,

    [Description("Taken back by the brand.")]
    Revoked = 7,
}
