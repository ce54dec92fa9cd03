using GraphQL.Types;
using MemberGraph.Data;
using MemberGraph.GraphQL.Lists;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>The <c>where</c> of <c>Member.orders</c>.</summary>
public sealed class OrderFilter
{
    public ChoiceFilter<SalesChannel>? Channel { get; set; }
    public ChoiceFilter<OrderStatus>? Status { get; set; }
    public RangeFilter<DateTime>? PaidAt { get; set; }
    public RangeFilter<long>? PaidAmountCents { get; set; }
}

/// <summary>The rows and sort keys of <c>Member.orders</c>.</summary>
internal static class OrderList
{
    public static readonly SortCatalog<Order> Sorts = new(o => o.Id, SortDirection.Desc,
        SortKey<Order>.By("paidAt", o => o.PaidAt, "When the order was paid."),
        SortKey<Order>.By("paidAmountCents", o => o.PaidAmountCents, "What the buyer paid."));

    public static IQueryable<Order> Filtered(MemberGraphDb db, OrderFilter filter) =>
        db.Orders.AsNoTracking()
            .Where("channel", o => o.Channel, filter.Channel)
            .Where("status", o => o.Status, filter.Status)
            .Where("paidAt", o => o.PaidAt, filter.PaidAt)
            .Where("paidAmountCents", o => o.PaidAmountCents, filter.PaidAmountCents);
}

public sealed class OrderFilterInputType : InputObjectGraphType<OrderFilter>
{
    public OrderFilterInputType()
    {
        Name = "OrderFilter";
        Description = "Conditions on Member.orders; every given one must hold.";
        Field<OrderChannelFilterInputType>("channel").Description("Where the order was placed.");
        Field<OrderStatusFilterInputType>("status").Description("Paid, partially refunded or fully refunded.");
        Field<DateTimeFilterInputType>("paidAt").Description("When the order was paid.");
        Field<LongFilterInputType>("paidAmountCents").Description("What the buyer paid, in cents.");
    }
}

public sealed class OrderChannelFilterInputType() : ChoiceFilterInputType<SalesChannel, OrderChannelType>("OrderChannelFilter", "an order's channel");

public sealed class OrderStatusFilterInputType() : ChoiceFilterInputType<OrderStatus, OrderStatusType>("OrderStatusFilter", "an order's status");

public sealed class OrderSortInputType() : SortInputType<Order>("OrderSort", "Member.orders", OrderList.Sorts);
