using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>
/// Writes a refund: the order's totals, the refund row, then the refunded lines' totals and the refund's lines as one statement each
/// (EF Core's SQLite provider would send one UPDATE per order line and one INSERT per refund line); none of them through SaveChanges
/// on SQLite, whose change detection and update pipeline inside the writer's turn cost more than the statements.
/// <para>
/// The order and its lines may have been read before the writer's turn, without a lock, so both UPDATEs re-check what was read:
/// the order only while its refunded total is the one read, each line only while its refunded quantity and cents are. Any refund
/// that committed in between moved one of them (a refund of cents moves the order's total; one of a free line its quantity), so a
/// refund is never planned on totals another one already changed: the check fails, the unit of work is rolled back and the
/// refund starts again, reading under the lock (<see cref="RefundService"/>).
/// </para>
/// </summary>
internal static class RefundedLines
{
    /// <param name="refundedBefore">The order's refunded total as read, before this refund.</param>
    /// <param name="parts">The planned parts, whose lines already carry their new refunded quantity and cents.</param>
    public static async Task SaveAsync(MemberGraphDb db, Order order, long refundedBefore, OrderRefund refund, IReadOnlyList<RefundPart> parts,
        List<OrderRefundLine> refundLines, CancellationToken cancellationToken)
    {
        // The order's and the lines' new totals go in with the UPDATEs below, so SaveChanges is told they are what the rows hold.
        // Without change detection: the order's entry would otherwise find the refund in its refunds and track it as added.
        using (new ChangeDetectionOff(db))
        {
            SavedBelow(db, order);
            foreach (var part in parts)
            {
                SavedBelow(db, part.Line);
            }
        }

        // The order's row first, as the claim of a refund planned inside the turn takes it first: on PostgreSQL both kinds then queue
        // on that row lock, where inserting the refund row first (its unique index entry) could deadlock with a claim of the same id.
        if (await OrderTotals.ExecuteAsync(db, [order.RefundedAmountCents, order.Status, order.Id, refundedBefore], cancellationToken) != 1)
        {
            throw new DbUpdateConcurrencyException($"Order {order.Id}'s refunded total moved while refund {refund.RefundId} was planned on it.");
        }

        // The refund row: its own INSERT on SQLite (a save's change detection and update pipeline cost more than the statement),
        // tracked as saved, so the points figures the handlers add to it later go in as an UPDATE at the commit.
        refund.OrderId = order.Id;
        if (TrackedRows.IsTracked(db, refund))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await MultiRowInsert.InsertAsync(db, refund, cancellationToken);
        }

        var ids = parts.Select(p => p.Line.Id).ToList();
        var updated = await LineTotals.ExecuteAsync(db, [.. parts.Select(p => new PerRowUpdate<OrderLine>.Row(p.Line.Id,
            [p.Line.RefundedCents, p.Line.RefundedQuantity], [p.Line.RefundedCents - p.Cents, p.Line.RefundedQuantity - p.Quantity]))], cancellationToken);
        if (updated != ids.Count)
        {
            throw new DbUpdateConcurrencyException($"Refund {refund.RefundId} found {ids.Count - updated} of the order's {ids.Count} refunded lines moved since it read them.");
        }

        refundLines.ForEach(l => l.RefundId = refund.Id);
        await MultiRowInsert.InsertAsync(db, refundLines, l => l.LineNumber, cancellationToken);
    }

    private static void SavedBelow(MemberGraphDb db, object row)
    {
        var entry = db.Entry(row);
        entry.OriginalValues.SetValues(entry.CurrentValues);
        entry.State = EntityState.Unchanged;
    }

    // Each refunded line's new totals, only while it still holds the totals read (see above).
    private static readonly PerRowUpdate<OrderLine> LineTotals = new("OrderLines", nameof(OrderLine.Id),
        set: [nameof(OrderLine.RefundedCents), nameof(OrderLine.RefundedQuantity)],
        guard: [nameof(OrderLine.RefundedCents), nameof(OrderLine.RefundedQuantity)]);

    private static readonly SqlWrite OrderTotals = new(_ => """
        UPDATE "Orders" SET "RefundedAmountCents" = @after, "Status" = @status WHERE "Id" = @id AND "RefundedAmountCents" = @before
        """,
        SqlArg.Like<Order>("after", nameof(Order.RefundedAmountCents)), SqlArg.Like<Order>("status", nameof(Order.Status)),
        SqlArg.Of<long>("id"), SqlArg.Like<Order>("before", nameof(Order.RefundedAmountCents)));
}
