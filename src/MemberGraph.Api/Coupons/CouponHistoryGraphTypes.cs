using GraphQL.Types;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.Stores;

namespace MemberGraph.Coupons;

public sealed class CouponHistoryEntryType : ObjectGraphType<CouponHistoryEntry>
{
    public CouponHistoryEntryType()
    {
        Name = "CouponHistoryEntry";
        Description = "One step in a coupon's life, recorded when it happened and never changed afterwards.";
        Field<NonNullGraphType<CouponHistoryEventType>>("event").Description("What happened.").Resolve(ctx => ctx.Source.Event);
        Field(e => e.At).Description("When (UTC).");
        Field<StoreType>("store").Description("Where: the store whose till reserved, released or wrote it off, or the refunded order's store; null when no store took part.")
            .Resolve(ctx => ctx.Source.StoreId is { } store ? ctx.StoreById().Load(store) : null);
        Field(e => e.OrderRef, nullable: true).Description("The order it was reserved for, released from, written off for or given back by.");
        Field<LongGraphType>("orderAmountCents").Description("REDEEMED and RESTORED: the order amount of the write-off, in cents (RESERVED: the amount given, if any).")
            .Resolve(ctx => ctx.Source.OrderAmountCents);
        Field<LongGraphType>("discountCents").Description("REDEEMED and RESTORED: what the write-off took off the order, in cents.")
            .Resolve(ctx => ctx.Source.DiscountCents);
    }
}

public sealed class CouponHistoryEventType : EnumerationGraphType<CouponHistoryEvent>
{
    public CouponHistoryEventType()
    {
        Name = "CouponHistoryEvent";
        Description = "ISSUED, RESERVED, RELEASED, REDEEMED (written off), RESTORED (given back by a full refund), EXPIRED, REVOKED.";
    }
}
