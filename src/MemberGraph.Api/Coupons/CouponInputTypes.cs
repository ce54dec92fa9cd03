using GraphQL.Types;

namespace MemberGraph.Coupons;

public sealed class CouponValueInputType : InputObjectGraphType<CouponValueInput>
{
    public CouponValueInputType()
    {
        Name = "CouponValueInput";
        Description = "Exactly one of: amountOffCents, discountRate, or a gift (giftDescription, optionally giftSku).";
        Field(v => v.AmountOffCents, nullable: true).Description("Cents taken off the order, e.g. 1500 for 满100减15.");
        Field(v => v.DiscountRate, nullable: true).Description("Percentage of the price paid, 1-99: 85 means 15% off (no floats).");
        Field(v => v.GiftSku, nullable: true).Description("The SKU given away.");
        Field(v => v.GiftDescription, nullable: true).Description("The gift in words for members, e.g. 赠 西瓜果切 200g.");
    }
}

public sealed class CouponValidityInputType : InputObjectGraphType<CouponValidityInput>
{
    public CouponValidityInputType()
    {
        Name = "CouponValidityInput";
        Description = "Either a fixed window (from and until) or daysAfterIssue.";
        Field(v => v.From, nullable: true).Description("Start of the fixed window.");
        Field(v => v.Until, nullable: true).Description("End of the fixed window; no coupons are issued after it.");
        Field(v => v.DaysAfterIssue, nullable: true).Description("Coupons are valid this many days from issue (1-3650).");
    }
}

public sealed class DefineCouponTemplateInputType : InputObjectGraphType<DefineCouponTemplateInput>
{
    public DefineCouponTemplateInputType()
    {
        Name = "DefineCouponTemplateInput";
        Description = "A new coupon template.";
        Field(t => t.Name).Description("Name shown to members (1-100 characters).");
        Field(t => t.Description, nullable: true).Description("Longer text for the coupon's detail page.");
        Field(t => t.Kind, type: typeof(NonNullGraphType<CouponKindType>)).Description("The scene the coupon is for.");
        Field(t => t.Value, type: typeof(NonNullGraphType<CouponValueInputType>)).Description("What the coupon gives.");
        Field(t => t.ThresholdCents, nullable: true).Description("Minimum order amount in cents (default 0: none).");
        Field(t => t.Validity, type: typeof(NonNullGraphType<CouponValidityInputType>)).Description("When issued coupons are valid.");
        Field(t => t.TotalStock).Description("How many coupons can be issued in all.");
        Field(t => t.PerMemberLimit, nullable: true).Description("How many one member may hold (default 1).");
        Field(t => t.UsableStoreIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("Stores where usable; none for every store.");
        Field(t => t.UsableChannels, type: typeof(ListGraphType<NonNullGraphType<CouponChannelType>>)).Description("Channels where usable; none for every channel.");
        Field(t => t.Claimable, nullable: true).Description("Members may claim it for free (default true).");
        Field(t => t.PointsPrice, nullable: true).Description("Points for one coupon in exchangePointsForCoupon; leave out when it can't be exchanged.");
        Field(t => t.PartnerId, type: typeof(IdGraphType)).Description("The partner mall, for PARTNER coupons only.");
    }
}

public sealed class UpdateCouponTemplateInputType : InputObjectGraphType<UpdateCouponTemplateInput>
{
    public UpdateCouponTemplateInputType()
    {
        Name = "UpdateCouponTemplateInput";
        Description = "Changes to a template; fields left out stay as they are. Value, threshold and kind can't change (define a new template).";
        Field(t => t.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The template.");
        Field(t => t.Name, nullable: true).Description("New name.");
        Field(t => t.Description, nullable: true).Description("New description.");
        Field(t => t.Validity, type: typeof(CouponValidityInputType)).Description("New validity, for coupons issued from now on.");
        Field(t => t.TotalStock, nullable: true).Description("New total stock; not below the number already issued.");
        Field(t => t.PerMemberLimit, nullable: true).Description("New per-member limit.");
        Field(t => t.UsableStoreIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("Replaces the usable stores (empty list: every store).");
        Field(t => t.UsableChannels, type: typeof(ListGraphType<NonNullGraphType<CouponChannelType>>)).Description("Replaces the usable channels (empty list: every channel).");
        Field(t => t.Claimable, nullable: true).Description("Whether members may claim it for free.");
        Field(t => t.PointsPrice, nullable: true).Description("New points price; 0 stops exchanges.");
    }
}

public sealed class RetireCouponTemplateInputType : InputObjectGraphType<RetireCouponTemplateInput>
{
    public RetireCouponTemplateInputType()
    {
        Name = "RetireCouponTemplateInput";
        Description = "The template to retire.";
        Field(t => t.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The template.");
    }
}

public sealed class ClaimCouponInputType : InputObjectGraphType<ClaimCouponInput>
{
    public ClaimCouponInputType()
    {
        Name = "ClaimCouponInput";
        Description = "The template to claim a coupon of.";
        Field(i => i.TemplateId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The coupon template.");
    }
}

public sealed class SendCouponInputType : InputObjectGraphType<SendCouponInput>
{
    public SendCouponInputType()
    {
        Name = "SendCouponInput";
        Description = "A coupon a guide sends to one of their customers.";
        Field(i => i.TemplateId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The coupon template.");
        Field(i => i.MemberId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The customer (a member with an open relationship to the guide).");
    }
}

public sealed class ExchangePointsForCouponInputType : InputObjectGraphType<ExchangePointsForCouponInput>
{
    public ExchangePointsForCouponInputType()
    {
        Name = "ExchangePointsForCouponInput";
        Description = "A points exchange; the idempotency key makes retries safe.";
        Field(i => i.TemplateId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The coupon template (one with a points price).");
        Field(i => i.IdempotencyKey).Description("Unique per exchange attempt (1-100 characters); a replay returns the first result.");
    }
}

public sealed class ReserveCouponInputType : InputObjectGraphType<ReserveCouponInput>
{
    public ReserveCouponInputType()
    {
        Name = "ReserveCouponInput";
        Description = "Holds a coupon for an order in payment. Give couponId or code; store, channel and amount are checked when given.";
        Field(i => i.CouponId, type: typeof(IdGraphType)).Description("The coupon's id.");
        Field(i => i.Code, nullable: true).Description("Or the coupon's code.");
        Field(i => i.OrderRef).Description("The order in payment: its channel order id (as recordOrder will carry it), so a full refund releases the coupon.");
        Field(i => i.Channel, type: typeof(CouponChannelType)).Description("The order's channel (default: MINI_PROGRAM for members, POS for staff; staff may name only POS, another is AUTH_NOT_AUTHORIZED).");
        Field(i => i.StoreId, type: typeof(IdGraphType)).Description("The order's store (staff: always their own).");
        Field(i => i.OrderAmountCents, nullable: true).Description("The order amount in cents, checked against the threshold.");
    }
}

public sealed class ReleaseCouponInputType : InputObjectGraphType<ReleaseCouponInput>
{
    public ReleaseCouponInputType()
    {
        Name = "ReleaseCouponInput";
        Description = "Frees a coupon reserved for an order whose payment was cancelled. Give couponId or code.";
        Field(i => i.CouponId, type: typeof(IdGraphType)).Description("The coupon's id.");
        Field(i => i.Code, nullable: true).Description("Or the coupon's code.");
        Field(i => i.OrderRef).Description("The order it was reserved for (its channel order id).");
    }
}

public sealed class RedeemCouponInputType : InputObjectGraphType<RedeemCouponInput>
{
    public RedeemCouponInputType()
    {
        Name = "RedeemCouponInput";
        Description = "A store write-off (核销) of the coupon the member shows.";
        Field(i => i.Code).Description("The coupon's code (dashes, spaces and case don't matter).");
        Field(i => i.StoreId, type: typeof(IdGraphType)).Description("The store (staff: their own, from the token; admins: optional).");
        Field(i => i.OrderAmountCents).Description("The order amount in cents, checked against the threshold.");
        Field(i => i.OrderRef).Description("The order the coupon is used for: its channel order id, so a full refund of that order gives the coupon back.");
        Field(i => i.Channel, type: typeof(CouponChannelType)).Description("The order's channel (default POS). Staff write off at the store's till: naming another channel is AUTH_NOT_AUTHORIZED; admins may name any.");
    }
}
