using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>
/// What a refund reads before it decides. Before the writer's turn (<see cref="ReadAsync"/>): the order, its lines and an earlier
/// refund of the same refund id (the replay check) in one statement, with no lock — the writes re-check what it read
/// (<see cref="RefundedLines"/>). Inside the turn, after such a re-check failed (<see cref="ClaimAsync"/> then
/// <see cref="LinesAndEarlierRefundAsync"/>): the order as its row lock returns it, then the lines with the earlier refund.
/// </summary>
internal static class RefundedOrderRead
{
    /// <summary>
    /// The order with its lines (tracked, as a tracking query leaves them) and the earlier refund of <paramref name="command"/>'s
    /// refund id, or null when there is no such order. Takes no lock: what it answers is what had committed when it ran.
    /// </summary>
    public static async Task<(Order Order, OrderRefund? Earlier)?> ReadAsync(MemberGraphDb db, RefundOrderCommand command, CancellationToken cancellationToken)
    {
        var rows = command.OrderId is { } id
            ? await WithLinesById.ListAsync(db, [id, command.RefundId], cancellationToken)
            : await WithLinesByChannel.ListAsync(db, [command.Channel, command.ChannelOrderId, command.RefundId], cancellationToken);
        if (rows.Count == 0)
        {
            return null; // an order has at least one line (OrderValidation), so no row means no order
        }

        var order = TrackedRows.Track(db, rows[0].Order);
        foreach (var (_, line, _) in rows)
        {
            TrackedRows.Track(db, line);
        }

        return (order, await EarlierAsync(db, rows[0].EarlierRefundId, cancellationToken));
    }

    private static readonly SqlRead<(Order Order, OrderLine Line, long? EarlierRefundId)> WithLinesById = new(sql => $"""
        SELECT (SELECT {sql.Top(1)} r."Id" FROM "OrderRefunds" r WHERE r."OrderId" = o."Id" AND r."RefundId" = @refundId {sql.Limit(1)}) AS "EarlierRefundId",
               o.*, l.*
        FROM "Orders" o JOIN "OrderLines" l ON l."OrderId" = o."Id" WHERE o."Id" = @id
        """,
        OrderLineAndEarlier,
        SqlArg.Of<long>("id"), SqlArg.Like<OrderRefund>("refundId", nameof(OrderRefund.RefundId)));

    private static readonly SqlRead<(Order Order, OrderLine Line, long? EarlierRefundId)> WithLinesByChannel = new(sql => $"""
        SELECT (SELECT {sql.Top(1)} r."Id" FROM "OrderRefunds" r WHERE r."OrderId" = o."Id" AND r."RefundId" = @refundId {sql.Limit(1)}) AS "EarlierRefundId",
               o.*, l.*
        FROM "Orders" o JOIN "OrderLines" l ON l."OrderId" = o."Id" WHERE o."Channel" = @channel AND o."ChannelOrderId" = @channelOrderId
        """,
        OrderLineAndEarlier,
        SqlArg.Like<Order>("channel", nameof(Order.Channel)), SqlArg.Like<Order>("channelOrderId", nameof(Order.ChannelOrderId)),
        SqlArg.Like<OrderRefund>("refundId", nameof(OrderRefund.RefundId)));

    // Every row repeats the order; the order's columns come first, then the line's (both have an "Id").
    private static (Order, OrderLine, long?) OrderLineAndEarlier(SqlRow row)
    {
        var order = row.Entity<Order>(from: 1);
        return (order, row.Entity<OrderLine>(from: row.After<Order>()), row.Get<long?>(0));
    }

    /// <summary>
    /// Takes the order's row lock and reads the order in the same statement (a no-op UPDATE that returns the row). On a
    /// multi-writer server (PostgreSQL, READ COMMITTED) two refunds of one order would otherwise both read the same refunded
    /// total, both pass the "no more than was paid" check and the last write would win: five parallel refunds of 30 yuan all
    /// went through on a 100 yuan order. With the lock the second refund waits for the first to commit and then reads what it
    /// wrote (each statement sees what committed before it began). On SQLite the transaction already holds the only write
    /// lock; the UPDATE changes nothing. Null when there is no such order.
    /// </summary>
    public static async Task<Order?> ClaimAsync(MemberGraphDb db, RefundOrderCommand command, CancellationToken cancellationToken)
    {
        var order = command.OrderId is { } id
            ? await ClaimedById.FirstOrDefaultAsync(db, [id], cancellationToken)
            : await ClaimedByChannel.FirstOrDefaultAsync(db, [command.Channel, command.ChannelOrderId], cancellationToken);
        return order is null ? null : TrackedRows.Track(db, order);
    }

    // Every refund runs these, so they skip EF's LINQ pipeline (see SqlRead); the rows are tracked as a tracking query would.
    private static readonly SqlRead<Order> ClaimedById = new(sql => $"""
        UPDATE "Orders" SET "RefundedAmountCents" = "RefundedAmountCents" {sql.OutputInserted} WHERE "Id" = @id {sql.Returning}
        """,
        row => row.Entity<Order>(),
        SqlArg.Of<long>("id"));

    private static readonly SqlRead<Order> ClaimedByChannel = new(sql => $"""
        UPDATE "Orders" SET "RefundedAmountCents" = "RefundedAmountCents" {sql.OutputInserted}
        WHERE "Channel" = @channel AND "ChannelOrderId" = @channelOrderId {sql.Returning}
        """,
        row => row.Entity<Order>(),
        SqlArg.Like<Order>("channel", nameof(Order.Channel)), SqlArg.Like<Order>("channelOrderId", nameof(Order.ChannelOrderId)));

    private static readonly SqlRead<(OrderLine Line, long? EarlierRefundId)> LinesWithEarlierRefund = new(sql => $"""
        SELECT (SELECT {sql.Top(1)} r."Id" FROM "OrderRefunds" r WHERE r."OrderId" = @orderId AND r."RefundId" = @refundId {sql.Limit(1)}) AS "EarlierRefundId", l.*
        FROM "OrderLines" l WHERE l."OrderId" = @orderId
        """,
        row => (row.Entity<OrderLine>(from: 1), row.Get<long?>(0)),
        SqlArg.Of<long>("orderId"), SqlArg.Like<OrderRefund>("refundId", nameof(OrderRefund.RefundId)));

    /// <summary>
    /// Loads the order's lines (tracked, so they fill <see cref="Order.Lines"/>) and answers the earlier refund of
    /// <paramref name="refundId"/>, or null when this refund id is new (the usual case, which costs no statement of its own).
    /// </summary>
    public static async Task<OrderRefund?> LinesAndEarlierRefundAsync(MemberGraphDb db, Order order, string refundId, CancellationToken cancellationToken)
    {
        var orderId = order.Id;
        var rows = await LinesWithEarlierRefund.ListAsync(db, [orderId, refundId], cancellationToken);
        foreach (var (line, _) in rows)
        {
            TrackedRows.Track(db, line);
        }

        var earlier = rows.Count > 0
            ? rows[0].EarlierRefundId
            : await db.OrderRefunds.Where(r => r.OrderId == orderId && r.RefundId == refundId).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
        return await EarlierAsync(db, earlier, cancellationToken);
    }

    /// <summary>The earlier refund (a replay's answer), read only when there is one.</summary>
    private static async Task<OrderRefund?> EarlierAsync(MemberGraphDb db, long? earlierRefundId, CancellationToken cancellationToken) =>
        earlierRefundId is { } id ? await db.OrderRefunds.SingleAsync(r => r.Id == id, cancellationToken) : null;
}
