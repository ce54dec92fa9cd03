using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>
/// Writes a refund: the refund row and the order's totals through SaveChanges, then the refunded lines' totals as one UPDATE
/// and the refund's lines as one INSERT. EF Core's SQLite provider would send one UPDATE per order line and one INSERT per
/// refund line (ten statements for a five-line refund); these are two on every provider.
/// </summary>
internal static class RefundedLines
{
    /// <param name="parts">The planned parts, whose lines already carry their new refunded quantity and cents.</param>
    public static async Task SaveAsync(MemberGraphDb db, OrderRefund refund, IReadOnlyList<RefundPart> parts, List<OrderRefundLine> refundLines,
        CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            // The line's new totals go in with the UPDATE below, so SaveChanges is told they are what the row holds.
            var entry = db.Entry(part.Line);
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }

        await db.SaveChangesAsync(cancellationToken);

        var ids = parts.Select(p => p.Line.Id).ToList();
        var cents = PerRowValues.ByKey<OrderLine, long>(l => l.Id, [.. parts.Select(p => (p.Line.Id, p.Line.RefundedCents))], l => l.RefundedCents);
        var quantities = PerRowValues.ByKey<OrderLine, int>(l => l.Id, [.. parts.Select(p => (p.Line.Id, p.Line.RefundedQuantity))], l => l.RefundedQuantity);
        var updated = await db.OrderLines.Where(l => ids.Contains(l.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RefundedCents, cents).SetProperty(l => l.RefundedQuantity, quantities), cancellationToken);
        if (updated != ids.Count)
        {
            throw new InvalidOperationException($"Refund {refund.RefundId} updated {updated} of the order's {ids.Count} refunded lines.");
        }

        refundLines.ForEach(l => l.RefundId = refund.Id);
        await MultiRowInsert.InsertAsync(db, refundLines, l => l.LineNumber, cancellationToken);
    }
}
