using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Orders;

public sealed record RecordOrderPayload(Order? Order, bool Replayed, IReadOnlyList<UserError> Errors) : IPayload;

public sealed record RefundOrderPayload(Order? Order, OrderRefund? Refund, bool Replayed, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class RecordOrderPayloadType : PayloadGraphType<RecordOrderPayload>
{
    public RecordOrderPayloadType()
    {
        Name = "RecordOrderPayload";
        Description = "The recorded order (the first recording when this was a replay).";
        this.ReadableBy(Roles.Ingestion);
        Field<OrderType>("order").Description("The order; null when refused.").Resolve(ctx => ctx.Source.Order);
        Field(p => p.Replayed).Description("True when the order had already been recorded with the same content: nothing changed.");
    }
}

public sealed class RefundOrderPayloadType : PayloadGraphType<RefundOrderPayload>
{
    public RefundOrderPayloadType()
    {
        Name = "RefundOrderPayload";
        Description = "The refunded order and the refund (the first one when this was a replay).";
        this.ReadableBy(Roles.Ingestion);
        Field<OrderType>("order").Description("The order after the refund; null when refused.").Resolve(ctx => ctx.Source.Order);
        Field<OrderRefundType>("refund").Description("The refund; null when refused.").Resolve(ctx => ctx.Source.Refund);
        Field(p => p.Replayed).Description("True when this refund id had already been recorded with the same content: nothing changed.");
    }
}
