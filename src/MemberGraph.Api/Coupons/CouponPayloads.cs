using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Coupons;

public sealed record CouponPayload(Coupon? Coupon, IReadOnlyList<UserError> Errors) : IPayload
{
    /// <summary>True when the mutation only repeated a change already made (write-offs: see <c>redeemCoupon</c>).</summary>
    public bool Replayed { get; init; }

    public static CouponPayload From(Outcome<Coupon> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

public sealed record CouponTemplatePayload(CouponTemplate? CouponTemplate, IReadOnlyList<UserError> Errors) : IPayload
{
    public static CouponTemplatePayload From(Outcome<CouponTemplate> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

/// <summary>The payload types of the coupon mutations: the coupon (null when refused) and the errors.</summary>
public abstract class CouponPayloadType : PayloadGraphType<CouponPayload>
{
    protected CouponPayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<CouponType>("coupon").Description("The coupon as it is now; null when refused.").Resolve(ctx => ctx.Source.Coupon);
    }
}

public sealed class ClaimCouponPayloadType() : CouponPayloadType("ClaimCouponPayload", "The coupon the member claimed, or why not.");

public sealed class SendCouponPayloadType() : CouponPayloadType("SendCouponPayload", "The coupon the guide sent, or why not.");

public sealed class ExchangePointsForCouponPayloadType() : CouponPayloadType("ExchangePointsForCouponPayload", "The coupon the points bought, or why not (then no points were spent).");

public sealed class ReserveCouponPayloadType() : CouponPayloadType("ReserveCouponPayload", "The reserved coupon, or why not.");

public sealed class ReleaseCouponPayloadType() : CouponPayloadType("ReleaseCouponPayload", "The released coupon, or why not.");

public sealed class RedeemCouponPayloadType : CouponPayloadType
{
    public RedeemCouponPayloadType()
        : base("RedeemCouponPayload", "The written-off coupon (with the discount it gave), or why not.") =>
        Field(p => p.Replayed).Description("True when this coupon had already been written off for the same order, store and amount: nothing changed.");
}

public abstract class CouponTemplatePayloadType : PayloadGraphType<CouponTemplatePayload>
{
    protected CouponTemplatePayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<CouponTemplateType>("couponTemplate").Description("The template as it is now; null when refused.").Resolve(ctx => ctx.Source.CouponTemplate);
    }
}

public sealed class DefineCouponTemplatePayloadType() : CouponTemplatePayloadType("DefineCouponTemplatePayload", "The new template, or why not.");

public sealed class UpdateCouponTemplatePayloadType() : CouponTemplatePayloadType("UpdateCouponTemplatePayload", "The changed template, or why not.");

public sealed class RetireCouponTemplatePayloadType() : CouponTemplatePayloadType("RetireCouponTemplatePayload", "The retired template, or why not.");
