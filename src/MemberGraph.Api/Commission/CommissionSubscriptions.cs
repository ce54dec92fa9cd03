using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Orders;
using MemberGraph.Realtime;

namespace MemberGraph.Commission;

/// <summary><c>commissionUpdated</c>: the signed-in guide's commission as orders and refunds move it.</summary>
public sealed class CommissionSubscriptions : ISubscriptionFields
{
    public void AddTo(SubscriptionType subscription) =>
        subscription.Field<NonNullGraphType<CommissionUpdateType>>("commissionUpdated")
            .Description("The signed-in guide's commission moved: an order line attributed to them earned commission, or a refund clawed " +
                         "some back. One event per order line, with the guide's totals right after it. Sent after the change committed.")
            .Authorize(Roles.Guide)
            .ResolveStream(ctx => SubscriberStreams.GuideEvents(ctx).OfType<CommissionChanged>());
}

public sealed class CommissionUpdateType : ObjectGraphType<CommissionChanged>
{
    public CommissionUpdateType()
    {
        Name = "CommissionUpdate";
        Description = "One move of a guide's commission: the order line that moved it and the guide's totals right after. Money is in cents.";
        Field<NonNullGraphType<CommissionChangeReasonType>>("reason").Description("Earned on an order, or clawed back by a refund.").Resolve(ctx => ctx.Source.Reason);
        Field<NonNullGraphType<LongGraphType>>("commissionDeltaCents")
            .Description("How the commission moved: positive when earned, negative when clawed back.").Resolve(ctx => ctx.Source.CommissionDeltaCents);
        Field<NonNullGraphType<GuideCommissionType>>("totals").Description("The guide's totals right after this move.").Resolve(ctx => ctx.Source.Totals);
        Field<NonNullGraphType<IdGraphType>>("orderId").Description("Global id of the order.").Resolve(ctx => GlobalId.Encode("Order", ctx.Source.OrderId));
        Field(e => e.LineNumber).Description("The order line's number.");
        Field(e => e.Sku).Description("The line's SKU.");
        Field<NonNullGraphType<ProductCategoryType>>("category").Description("The line's product category.").Resolve(ctx => ctx.Source.Category);
        Field<NonNullGraphType<LongGraphType>>("amountCents")
            .Description("The line's paid share when earned; the cents of the line the refund returned when clawed back.").Resolve(ctx => ctx.Source.AmountCents);
        Field(e => e.OccurredAt).Description("When the change committed (UTC).");
    }
}

public sealed class CommissionChangeReasonType : EnumerationGraphType<CommissionChangeReason>
{
    public CommissionChangeReasonType()
    {
        Name = "CommissionChangeReason";
        Description = "Why a guide's commission moved.";
    }
}
