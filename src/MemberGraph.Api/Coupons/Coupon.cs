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
    public CouponStatus StatusAt(DateTime now) =>
        Status is CouponStatus.Available or CouponStatus.Reserved && ValidUntil <= now ? CouponStatus.Expired : Status;
}

public enum CouponStatus
{
    Available = 1,
    Reserved = 2,
    Redeemed = 3,
    Expired = 4,
    Revoked = 5,
}

/// <summary>How the member got the coupon.</summary>
public enum CouponSource
{
    Claim = 1,
    Exchange = 2,
    GuideSend = 3,
    Campaign = 4,
    Partner = 5,
}
