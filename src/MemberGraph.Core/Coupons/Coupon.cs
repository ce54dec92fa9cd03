using System.ComponentModel;

namespace MemberGraph.Coupons;

/// <summary>
/// One coupon held by one member. Status changes are conditional UPDATEs (<c>WHERE Status = ...</c>), so a coupon
/// is reserved, released or written off once, whatever the concurrency.
/// </summary>
public sealed class Coupon
{
    public long Id { get; set; }
    public long TemplateId { get; set; }
    public long MemberId { get; set; }

    /// <summary>Unguessable, human-typable code (see <see cref="CouponCode"/>), stored without separators.</summary>
    public string Code { get; set; } = "";

    public CouponStatus Status { get; set; } = CouponStatus.Available;
    public CouponSource Source { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime ValidUntil { get; set; }

    /// <summary>The guide who sent it (<see cref="CouponSource.GuideSend"/>).</summary>
    public long? SentByGuideId { get; set; }

    /// <summary>"{memberId}:{key}" of the points exchange that issued it, so a replayed exchange finds it.</summary>
    public string? IdempotencyKey { get; set; }

    public string? ReservedForOrderRef { get; set; }
    public DateTime? ReservedAt { get; set; }

    public DateTime? RedeemedAt { get; set; }
    public long? RedeemedStoreId { get; set; }
    public string? RedeemedOrderRef { get; set; }
    public long? RedeemedOrderAmountCents { get; set; }
    public long? RedeemedDiscountCents { get; set; }

    public DateTime? ExpiredAt { get; set; }

    /// <summary>When the "expiring soon" event went out, so it goes out once.</summary>
    public DateTime? ExpiringSoonNotifiedAt { get; set; }

    /// <summary>The status as of <paramref name="now"/>: a coupon past its window is expired even before the expiry step marks it.</summary>
    public CouponStatus StatusAt(DateTime now) => StatusAt(Status, ValidUntil, now);

    /// <summary>The same rule for a coupon read as its stored status and end of window (a projection, not the entity).</summary>
    public static CouponStatus StatusAt(CouponStatus status, DateTime validUntil, DateTime now) =>
        status is CouponStatus.Available or CouponStatus.Reserved && validUntil <= now ? CouponStatus.Expired : status;
}

public enum CouponStatus
{
    [Description("Can be used.")]
    Available = 1,

    [Description("Held for an order in payment.")]
    Reserved = 2,

    [Description("Written off; used once and for all.")]
    Redeemed = 3,

    [Description("Its window closed before it was used.")]
    Expired = 4,

    [Description("Taken back by the brand.")]
    Revoked = 5,
}

/// <summary>How the member got the coupon.</summary>
public enum CouponSource
{
    [Description("Claimed by the member.")]
    Claim = 1,

    [Description("Bought with points.")]
    Exchange = 2,

    [Description("Sent by a guide.")]
    GuideSend = 3,

    [Description("Issued by a marketing campaign.")]
    Campaign = 4,

    [Description("Received from a partner mall.")]
    Partner = 5,
}
