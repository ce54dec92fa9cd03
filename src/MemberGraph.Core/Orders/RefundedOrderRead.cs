using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>
/// What a refund reads before it decides, in two statements: the order as its row lock returns it, then its lines together
/// with an earlier refund of the same refund id (the replay check).
/// </summary>
internal static class RefundedOrderRead
{
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
        return earlier is { } id ? await db.OrderRefunds.SingleAsync(r => r.Id == id, cancellationToken) : null;
    }
}
