using GraphQL.Types;

namespace MemberGraph.Coupons;

public sealed class CouponKindType : EnumerationGraphType<CouponKind>
{
    public CouponKindType()
    {
        Name = "CouponKind";
        Description = "The scene a coupon is made for: in the store, home delivery, O2O express (30-minute) delivery, or a partner's benefit.";
    }

    // "O2O" is the business's word; the default casing would print O_2_O.
    protected override string ChangeEnumCase(string val) => val == nameof(CouponKind.O2O) ? val : base.ChangeEnumCase(val);
}

public sealed class CouponValueKindType : EnumerationGraphType<CouponValueKind>
{
    public CouponValueKindType()
    {
        Name = "CouponValueKind";
        Description = "What a coupon gives: an amount off, a discount rate, or a gift.";
    }
}

public sealed class CouponTemplateStatusType : EnumerationGraphType<CouponTemplateStatus>
{
    public CouponTemplateStatusType()
    {
        Name = "CouponTemplateStatus";
        Description = "ACTIVE templates issue coupons; RETIRED ones issue no more (issued coupons stay valid).";
    }
}

public sealed class CouponChannelType : EnumerationGraphType<CouponChannel>
{
    public CouponChannelType()
    {
        Name = "CouponChannel";
        Description = "Where a coupon can be used: the mini-program, a store's till (POS), Tmall, JD, or third-party delivery platforms.";
    }
}

public sealed class CouponStatusType : EnumerationGraphType<CouponStatus>
{
    public CouponStatusType()
    {
        Name = "CouponStatus";
        Description = "AVAILABLE to use; RESERVED for an order in payment; REDEEMED (written off); EXPIRED (window closed); REVOKED.";
    }
}

public sealed class CouponSourceType : EnumerationGraphType<CouponSource>
{
    public CouponSourceType()
    {
        Name = "CouponSource";
        Description = "How the member got the coupon.";
    }
}

public sealed class WeatherType : EnumerationGraphType<Weather>
{
    public WeatherType()
    {
        Name = "Weather";
        Description = "The weather where the member is (from the mini-program's weather service).";
    }
}

public sealed class RecommendationSceneType : EnumerationGraphType<RecommendationScene>
{
    public RecommendationSceneType()
    {
        Name = "RecommendationScene";
        Description = "STAY_IN: rain, snow, storm or late evening (21:00-06:00 China time) — delivery first. GO_OUT: fine weather in the day — in-store first.";
    }
}

public sealed class RecommendationReasonType : EnumerationGraphType<RecommendationReason>
{
    public RecommendationReasonType()
    {
        Name = "RecommendationReason";
        Description = "The rule that recommended a coupon.";
    }
}
