namespace MemberGraph.Coupons;

// The CLR shapes of the coupon mutations' inputs (GraphQL input types in CouponInputTypes.cs). Ids are the
// opaque global ids of the schema, decoded by the services.

public sealed class CouponValueInput
{
    public long? AmountOffCents { get; set; }
    public int? DiscountRate { get; set; }
    public string? GiftSku { get; set; }
    public string? GiftDescription { get; set; }
}

public sealed class CouponValidityInput
{
    public DateTime? From { get; set; }
    public DateTime? Until { get; set; }
    public int? DaysAfterIssue { get; set; }
}

public sealed class DefineCouponTemplateInput
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public CouponKind Kind { get; set; }
    public CouponValueInput Value { get; set; } = new();
    public long? ThresholdCents { get; set; }
    public CouponValidityInput Validity { get; set; } = new();
    public int TotalStock { get; set; }
    public int? PerMemberLimit { get; set; }
    public List<string>? UsableStoreIds { get; set; }
    public List<CouponChannel>? UsableChannels { get; set; }
    public bool? Claimable { get; set; }
    public long? PointsPrice { get; set; }
    public string? PartnerId { get; set; }
}

public sealed class UpdateCouponTemplateInput
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? Description { get; set; }
    public CouponValidityInput? Validity { get; set; }
    public int? TotalStock { get; set; }
    public int? PerMemberLimit { get; set; }
    public List<string>? UsableStoreIds { get; set; }
    public List<CouponChannel>? UsableChannels { get; set; }
    public bool? Claimable { get; set; }
    public long? PointsPrice { get; set; }
}

public sealed class RetireCouponTemplateInput
{
    public string Id { get; set; } = "";
}

public sealed class ClaimCouponInput
{
    public string TemplateId { get; set; } = "";
}

public sealed class SendCouponInput
{
    public string TemplateId { get; set; } = "";
    public string MemberId { get; set; } = "";
}

public sealed class ExchangePointsForCouponInput
{
    public string TemplateId { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
}

public sealed class ReserveCouponInput
{
    public string? CouponId { get; set; }
    public string? Code { get; set; }
    public string OrderRef { get; set; } = "";
    public CouponChannel? Channel { get; set; }
    public string? StoreId { get; set; }
    public long? OrderAmountCents { get; set; }
}

public sealed class ReleaseCouponInput
{
    public string? CouponId { get; set; }
    public string? Code { get; set; }
    public string OrderRef { get; set; } = "";
}

public sealed class RedeemCouponInput
{
    public string Code { get; set; } = "";
    public string? StoreId { get; set; }
    public long OrderAmountCents { get; set; }
    public string OrderRef { get; set; } = "";
    public CouponChannel? Channel { get; set; }
}
