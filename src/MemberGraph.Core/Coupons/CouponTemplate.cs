using System.ComponentModel;

namespace MemberGraph.Coupons;

/// <summary>
/// What a coupon is worth and where, when and how often it can be used; coupons are issued from it.
/// <see cref="Issued"/> only grows, by a conditional UPDATE (<c>Issued &lt; TotalStock</c>), so stock can't be oversold.
/// </summary>
public sealed class CouponTemplate
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public CouponKind Kind { get; set; }

    public CouponValueKind ValueKind { get; set; }

    /// <summary>Cents taken off the order, for <see cref="CouponValueKind.AmountOff"/>.</summary>
    public long? AmountOffCents { get; set; }

    /// <summary>Percentage of the price the member pays, for <see cref="CouponValueKind.Discount"/>: 85 means 15% off.</summary>
    public int? DiscountRate { get; set; }

    public string? GiftSku { get; set; }
    public string? GiftDescription { get; set; }

    /// <summary>Minimum order amount in cents for the coupon to apply; 0 for none.</summary>
    public long ThresholdCents { get; set; }

    /// <summary>Fixed validity window (both set), or null when coupons are valid <see cref="ValidDaysAfterIssue"/> days.</summary>
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidUntil { get; set; }
    public int? ValidDaysAfterIssue { get; set; }

    public int TotalStock { get; set; }
    public int Issued { get; set; }
    public int PerMemberLimit { get; set; } = 1;

    /// <summary>Stores where coupons can be written off; empty means every store.</summary>
    public List<long> UsableStoreIds { get; set; } = [];

    /// <summary>Sales channels where coupons can be used; empty means every channel.</summary>
    public List<CouponChannel> UsableChannels { get; set; } = [];

    /// <summary>Members may claim it for free in the mini-program (otherwise only sent, exchanged or issued by campaigns).</summary>
    public bool Claimable { get; set; } = true;

    /// <summary>Points a member pays to exchange for one coupon; null when it can't be exchanged.</summary>
    public long? PointsPrice { get; set; }

    /// <summary>The partner mall whose shared benefit this is (PARTNER templates).</summary>
    public long? PartnerId { get; set; }

    public CouponTemplateStatus Status { get; set; } = CouponTemplateStatus.Active;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }

    public int Remaining => Math.Max(0, TotalStock - Issued);

    public bool IsUsableAtStore(long storeId) => UsableStoreIds.Count == 0 || UsableStoreIds.Contains(storeId);

    public bool IsUsableOn(CouponChannel channel) => UsableChannels.Count == 0 || UsableChannels.Contains(channel);

    /// <summary>The window a coupon issued at <paramref name="issuedAt"/> is valid in.</summary>
    public (DateTime From, DateTime Until) ValidityFor(DateTime issuedAt) =>
        ValidDaysAfterIssue is { } days ? (issuedAt, issuedAt.AddDays(days)) : (ValidFrom!.Value, ValidUntil!.Value);

    /// <summary>A fixed window that has closed: no more coupons can be issued.</summary>
    public bool HasEnded(DateTime now) => ValidDaysAfterIssue is null && ValidUntil <= now;

    /// <summary>The value taken off an order of <paramref name="orderAmountCents"/> (0 for gifts), never more than the order.</summary>
    public long DiscountFor(long orderAmountCents) => ValueKind switch
    {
        CouponValueKind.AmountOff => Math.Min(AmountOffCents ?? 0, orderAmountCents),
        CouponValueKind.Discount => orderAmountCents * (100 - (DiscountRate ?? 100)) / 100,
        _ => 0,
    };
}

/// <summary>The scene a coupon is made for.</summary>
public enum CouponKind
{
    [Description("Used at the till in a store.")]
    InStore = 1,

    [Description("Used on home-delivery orders.")]
    Delivery = 2,

    [Description("Used on O2O express delivery from a nearby store (e.g. 30 minutes).")]
    O2O = 3,

    [Description("A partner mall's shared benefit (权益互通).")]
    Partner = 4,
}

public enum CouponValueKind
{
    [Description("An amount taken off the order.")]
    AmountOff = 1,

    [Description("A percentage of the price paid.")]
    Discount = 2,

    [Description("Something given away.")]
    Gift = 3,
}

public enum CouponTemplateStatus
{
    [Description("Issues coupons.")]
    Active = 1,

    [Description("Issues no more coupons; issued ones stay valid.")]
    Retired = 2,
}

/// <summary>Where a coupon can be used.</summary>
public enum CouponChannel
{
    [Description("The brand's mini-program (mall and delivery orders).")]
    MiniProgram = 1,

    [Description("A store's till (in-store write-off).")]
    Pos = 2,

    [Description("The Tmall flagship store.")]
    Tmall = 3,

    [Description("The JD store.")]
    Jd = 4,

    [Description("Third-party delivery platforms (Meituan, Ele.me).")]
    DeliveryPlatform = 5,
}
