using GraphQL.Types;
using MemberGraph.Members;

namespace MemberGraph.Orders;

public sealed class RecordOrderInput
{
    public SalesChannel Channel { get; set; }
    public string ChannelOrderId { get; set; } = "";
    public List<OrderIdentityInput>? Identities { get; set; }
    public OrderMemberInput? Member { get; set; }
    public string? StoreId { get; set; }
    public string? GuideCode { get; set; }
    public string? ShareParameter { get; set; }
    public List<OrderLineInput> Lines { get; set; } = [];
    public long PaidAmountCents { get; set; }
    public DateTime PaidAt { get; set; }
}

public sealed class OrderIdentityInput
{
    public IdentityChannel Channel { get; set; }
    public string ExternalId { get; set; } = "";
}

public sealed class OrderMemberInput
{
    public string? MemberCode { get; set; }
    public string? Id { get; set; }
}

public sealed class OrderLineInput
{
    public string Sku { get; set; } = "";
    public ProductCategory Category { get; set; }
    public int Quantity { get; set; }
    public long AmountCents { get; set; }
}

public sealed class RefundOrderInput
{
    public string? OrderId { get; set; }
    public SalesChannel? Channel { get; set; }
    public string? ChannelOrderId { get; set; }
    public string RefundId { get; set; } = "";
    public List<RefundLineInput>? Lines { get; set; }
    public long? AmountCents { get; set; }
    public string? Reason { get; set; }
}

public sealed class RefundLineInput
{
    public int LineNumber { get; set; }
    public int? Quantity { get; set; }
}

public sealed class RecordOrderInputType : InputObjectGraphType<RecordOrderInput>
{
    public RecordOrderInputType()
    {
        Name = "RecordOrderInput";
        Description = "An order as a channel reports it. Replaying the same (channel, channelOrderId) with the same content is harmless.";
        Field<NonNullGraphType<OrderChannelType>>("channel").Description("Where the order was placed.");
        Field<NonNullGraphType<StringGraphType>>("channelOrderId").Description("The order's id on its channel (1 to 64 characters); the idempotency key.");
        Field<ListGraphType<NonNullGraphType<OrderIdentityInputType>>>("identities")
            .Description("The buyer's identities on the channel (up to 10; at least one unless member is given): resolved through OneID to one member. " +
                         "Values shown masked (with '*'), blank values and PHONE values that are not mainland mobile numbers are IDENTITY_INVALID.");
        Field<OrderMemberInputType>("member")
            .Description("The member the till identified (the scanned member code, or the member's id): the order is theirs, and the " +
                         "identities given beside it are linked to them.");
        Field<IdGraphType>("storeId").Description("The store that sold or delivers the order; staff may only name their own (it is the default for them).");
        Field<StringGraphType>("guideCode").Description("Guide code carried by the order (QR code, till entry): credits that guide first.");
        Field<StringGraphType>("shareParameter")
            .Description("Share parameter carried by the order, key=value pairs separated by & or ;: gc=GUIDECODE for a guide's share link, live=STREAMID for a live stream (its host is gc when given, else the configured host). Used when guideCode credits no one.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineInputType>>>>("lines").Description("1 to 100 lines.");
        Field<NonNullGraphType<LongGraphType>>("paidAmountCents").Description("What the buyer paid, in cents (spread over the lines by amount).");
        Field<NonNullGraphType<DateTimeGraphType>>("paidAt").Description("When the order was paid (UTC or with an offset).");
    }
}

public sealed class OrderIdentityInputType : InputObjectGraphType<OrderIdentityInput>
{
    public OrderIdentityInputType()
    {
        Name = "OrderIdentityInput";
        Description = "One identity of the buyer.";
        Field<NonNullGraphType<IdentityChannelType>>("channel").Description("The identity's channel.");
        Field<NonNullGraphType<StringGraphType>>("externalId").Description("The id on that channel.");
    }
}

public sealed class OrderMemberInputType : InputObjectGraphType<OrderMemberInput>
{
    public OrderMemberInputType()
    {
        Name = "OrderMemberInput";
        Description = "The buyer as the till knows them: give memberCode or id (one of them).";
        Field<StringGraphType>("memberCode")
            .Description("The dynamic member code the mini-program shows (Member.memberCode), checked as memberByCode checks it: " +
                         "MEMBER_CODE_EXPIRED, MEMBER_CODE_INVALID. A replay of an order recorded with it is answered after the code expired too.");
        Field<IdGraphType>("id")
            .Description("The member's global id. Staff: only members their store may read with member(id:) (else AUTH_NOT_AUTHORIZED).");
    }
}

public sealed class OrderLineInputType : InputObjectGraphType<OrderLineInput>
{
    public OrderLineInputType()
    {
        Name = "OrderLineInput";
        Description = "One order line.";
        Field<NonNullGraphType<StringGraphType>>("sku").Description("The product's SKU.");
        Field<NonNullGraphType<ProductCategoryType>>("category").Description("The product category.");
        Field<NonNullGraphType<IntGraphType>>("quantity").Description("Units bought (at least 1).");
        Field<NonNullGraphType<LongGraphType>>("amountCents").Description("The line's amount, in cents.");
    }
}

public sealed class RefundOrderInputType : InputObjectGraphType<RefundOrderInput>
{
    public RefundOrderInputType()
    {
        Name = "RefundOrderInput";
        Description = "A refund: by lines, by amount, or (neither given) everything left. Idempotent per order by refundId.";
        Field<IdGraphType>("orderId").Description("The order's global id; or give channel and channelOrderId.");
        Field<OrderChannelType>("channel").Description("The order's channel, with channelOrderId.");
        Field<StringGraphType>("channelOrderId").Description("The order's id on its channel, with channel.");
        Field<NonNullGraphType<StringGraphType>>("refundId").Description("The channel's refund id (1 to 64 characters); the idempotency key.");
        Field<ListGraphType<NonNullGraphType<RefundLineInputType>>>("lines").Description("Lines to refund.");
        Field<LongGraphType>("amountCents").Description("An amount to refund, spread over the lines.");
        Field<StringGraphType>("reason").Description("Why (at most 200 characters).");
    }
}

public sealed class RefundLineInputType : InputObjectGraphType<RefundLineInput>
{
    public RefundLineInputType()
    {
        Name = "RefundLineInput";
        Description = "A line to refund.";
        Field<NonNullGraphType<IntGraphType>>("lineNumber").Description("The order line's number.");
        Field<IntGraphType>("quantity").Description("Units to refund; all units left when omitted.");
    }
}
