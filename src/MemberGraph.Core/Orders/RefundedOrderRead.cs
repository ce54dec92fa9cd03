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
        var sqlServer = db.Database.IsSqlServer();
        var claim = (command.OrderId, sqlServer) switch
        {
            ({ } id, true) => db.Orders.FromSql($"""
                UPDATE [Orders] SET [RefundedAmountCents] = [RefundedAmountCents] OUTPUT INSERTED.* WHERE [Id] = {id}
                """),
            ({ } id, false) => db.Orders.FromSql($"""
                UPDATE "Orders" SET "RefundedAmountCents" = "RefundedAmountCents" WHERE "Id" = {id} RETURNING *
                """),
            (null, true) => db.Orders.FromSql($"""
                UPDATE [Orders] SET [RefundedAmountCents] = [RefundedAmountCents] OUTPUT INSERTED.*
                WHERE [Channel] = {command.Channel.ToString()} AND [ChannelOrderId] = {command.ChannelOrderId}
                """),
            (null, false) => db.Orders.FromSql($"""
                UPDATE "Orders" SET "RefundedAmountCents" = "RefundedAmountCents"
                WHERE "Channel" = {command.Channel.ToString()} AND "ChannelOrderId" = {command.ChannelOrderId} RETURNING *
                """),
        };
        var rows = await claim.ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// Loads the order's lines (tracked, so they fill <see cref="Order.Lines"/>) and answers the earlier refund of
    /// <paramref name="refundId"/>, or null when this refund id is new (the usual case, which costs no statement of its own).
    /// </summary>
    public static async Task<OrderRefund?> LinesAndEarlierRefundAsync(MemberGraphDb db, Order order, string refundId, CancellationToken cancellationToken)
    {
        var orderId = order.Id;
        var rows = await db.OrderLines.Where(l => l.OrderId == orderId)
            .Select(l => new
            {
                Line = l,
                Earlier = db.OrderRefunds.Where(r => r.OrderId == orderId && r.RefundId == refundId).Select(r => (long?)r.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var earlier = rows.Count > 0
            ? rows[0].Earlier
            : await db.OrderRefunds.Where(r => r.OrderId == orderId && r.RefundId == refundId).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
        return earlier is { } id ? await db.OrderRefunds.SingleAsync(r => r.Id == id, cancellationToken) : null;
    }
}
