using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;
using MemberGraph.Stores;

namespace MemberGraph.Orders;

public sealed class OrderType : ObjectGraphType<Order>
{
    public OrderType()
    {
        Name = "Order";
        Description = "A paid order from any sales channel, recorded once per (channel, channel order id). Money is in cents.";
        Interface<NodeInterface>();
        this.ReadableBy(Roles.Ingestion); // what a channel integration wrote, except the buyer (member)

        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Order", ctx.Source.Id));
        Field<NonNullGraphType<OrderChannelType>>("channel").Description("Where the order was placed.").Resolve(ctx => ctx.Source.Channel);
        Field(o => o.ChannelOrderId).Description("The order's id on its channel (unique per channel).");
        Field<NonNullGraphType<MemberType>>("member").Description("The buyer, as resolved through OneID. Not for channel integrations (ingestion), which never read members.")
            .Authorize(Roles.Member, Roles.Guide, Roles.Staff, Roles.Admin)
            .Resolve(ctx => ctx.MemberById().Load(ctx.Source.MemberId));
        Field<IdGraphType>("storeId").Description("Global id of the store that sold or delivered the order; null for purely online orders.")
            .Resolve(ctx => ctx.Source.StoreId is { } id ? GlobalId.Encode("Store", id) : null);
        Field<StoreType>("store").Description("The store that sold or delivered the order (name, address, hours); null for purely online orders.")
            .Resolve(ctx => ctx.Source.StoreId is { } id ? ctx.StoreById().Load(id) : null);
        Field(o => o.GuideCode, nullable: true).Description("The guide code the order carried (share link, QR code, till), kept for attribution.");
        Field(o => o.ShareParameter, nullable: true).Description("The share parameter the order carried (live stream, share card), kept for attribution.");
        Field<IdGraphType>("attributedGuideId")
            .Description("Global id of the guide credited with the order: the order's guide code, else the share link's or live stream's guide, else the member's exclusive guide (resigned guides are skipped); null when none.")
            .Resolve(ctx => ctx.Source.AttributedGuideId is { } id ? GlobalId.Encode("Guide", id) : null);
        Field<NonNullGraphType<AttributionSourceType>>("attributionSource").Description("Why the order is credited to attributedGuideId (NONE when it is not).")
            .Resolve(ctx => ctx.Source.AttributionSource);
        Field<NonNullGraphType<LongGraphType>>("paidAmountCents").Description("What the buyer paid, in cents.").Resolve(ctx => ctx.Source.PaidAmountCents);
        Field<NonNullGraphType<LongGraphType>>("refundedAmountCents").Description("What has been refunded so far, in cents.").Resolve(ctx => ctx.Source.RefundedAmountCents);
        Field(o => o.PaidAt).Description("When the order was paid.");
        Field(o => o.RecordedAt).Description("When MemberGraph recorded the order.");
        Field<NonNullGraphType<OrderStatusType>>("status").Description("Paid, partially refunded or fully refunded.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<LongGraphType>>("pointsEarned").Description("Points the order earned (before refunds).").Resolve(ctx => ctx.Source.PointsEarned);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineType>>>>("lines").Description("The order's lines, in order.")
            .Resolve(ctx => ctx.LinesByOrder().Load(ctx.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderRefundType>>>>("refunds").Description("Refunds of the order, oldest first.")
            .Resolve(ctx => ctx.RefundsByOrder().Load(ctx.Source.Id));
    }
}

public sealed class OrderLineType : ObjectGraphType<OrderLine>
{
    public OrderLineType()
    {
        Name = "OrderLine";
        Description = "One line of an order.";
        this.ReadableBy(Roles.Ingestion);
        Field(l => l.LineNumber).Description("1-based position in the order; refunds by line name it.");
        Field(l => l.Sku).Description("The product's SKU.");
        Field(l => l.ProductName, nullable: true).Description("The product's name as the channel or till printed it; null when only the SKU was sent.");
        Field<NonNullGraphType<ProductCategoryType>>("category").Description("The product category.").Resolve(ctx => ctx.Source.Category);
        Field(l => l.Quantity).Description("Units bought.");
        Field<NonNullGraphType<LongGraphType>>("amountCents").Description("The line's list amount, in cents.").Resolve(ctx => ctx.Source.AmountCents);
        Field<NonNullGraphType<LongGraphType>>("paidShareCents").Description("The line's share of the paid amount (discounts spread by amount), in cents.").Resolve(ctx => ctx.Source.PaidShareCents);
        Field<NonNullGraphType<LongGraphType>>("points").Description("Points the line earned.").Resolve(ctx => ctx.Source.Points);
        Field(l => l.RefundedQuantity).Description("Units refunded by line refunds.");
        Field<NonNullGraphType<LongGraphType>>("refundedCents").Description("Cents of the line refunded so far.").Resolve(ctx => ctx.Source.RefundedCents);
    }
}

public sealed class OrderRefundType : ObjectGraphType<OrderRefund>
{
    public OrderRefundType()
    {
        Name = "OrderRefund";
        Description = "One refund of an order and what it did to the order's points.";
        this.ReadableBy(Roles.Ingestion);
        Field(r => r.RefundId).Description("The channel's refund id (idempotency key per order).");
        Field<NonNullGraphType<RefundKindType>>("kind").Description("Full, by lines, or by amount.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<LongGraphType>>("amountCents").Description("Cents refunded.").Resolve(ctx => ctx.Source.AmountCents);
        Field(r => r.Reason, nullable: true).Description("Why, as the channel said.");
        Field(r => r.RefundedAt).Description("When MemberGraph recorded the refund.");
        Field<NonNullGraphType<LongGraphType>>("pointsCancelled").Description("Pending points of the order cancelled.").Resolve(ctx => ctx.Source.PointsCancelled);
        Field<NonNullGraphType<LongGraphType>>("pointsDeducted").Description("Available points taken off the balance.").Resolve(ctx => ctx.Source.PointsDeducted);
        Field<NonNullGraphType<LongGraphType>>("pointsShortfall").Description("Points that should have been taken back but the balance did not cover (it never goes negative).")
            .Resolve(ctx => ctx.Source.PointsShortfall);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderRefundLineType>>>>("lines").Description("How much of each line the refund returned.")
            .Resolve(ctx => ctx.LinesByRefund().Load(ctx.Source.Id));
    }
}

public sealed class OrderRefundLineType : ObjectGraphType<OrderRefundLine>
{
    public OrderRefundLineType()
    {
        Name = "OrderRefundLine";
        Description = "The part of one order line a refund returned.";
        this.ReadableBy(Roles.Ingestion);
        Field(l => l.LineNumber).Description("The order line.");
        Field(l => l.Quantity).Description("Units returned (0 for refunds by amount).");
        Field<NonNullGraphType<LongGraphType>>("amountCents").Description("Cents returned for this line.").Resolve(ctx => ctx.Source.AmountCents);
    }
}

public sealed class OrderChannelType : EnumerationGraphType<SalesChannel>
{
    public OrderChannelType()
    {
        Name = "OrderChannel";
        Description = "Sales channels orders come from.";
    }
}

public sealed class ProductCategoryType : EnumerationGraphType<ProductCategory>
{
    public ProductCategoryType()
    {
        Name = "ProductCategory";
        Description = "The fruit chain's product categories (earn rates may differ per category).";
    }
}

public sealed class AttributionSourceType : EnumerationGraphType<AttributionSource>
{
    public AttributionSourceType()
    {
        Name = "AttributionSource";
        Description = "Why an order is credited to a guide.";
    }
}

public sealed class OrderStatusType : EnumerationGraphType<OrderStatus>
{
    public OrderStatusType()
    {
        Name = "OrderStatus";
        Description = "Where an order stands with refunds.";
    }
}

public sealed class RefundKindType : EnumerationGraphType<RefundKind>
{
    public RefundKindType()
    {
        Name = "RefundKind";
        Description = "How a refund was asked for.";
    }
}
