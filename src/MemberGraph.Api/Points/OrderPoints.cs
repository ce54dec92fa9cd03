using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>A ledger change made inside an order's transaction, to publish once it commits.</summary>
public sealed record PointsMovement(PointsEntry Entry, long Balance, long Pending);

/// <summary>
/// Points that follow refunds, inside the refund's transaction: the proportional reversal — pending points cancelled,
/// available points deducted down to zero at most, the shortfall recorded on the refund.
/// </summary>
public sealed class OrderPoints(PointsLedger ledger)
{
    /// <summary>Takes back <paramref name="points"/> of the order's points for <paramref name="refund"/>; fills in its points columns.</summary>
    public async Task<PointsMovement?> ReverseAsync(MemberGraphDb db, Order order, OrderRefund refund, long points, CancellationToken cancellationToken)
    {
        if (points <= 0)
        {
            return null;
        }

        var lot = await db.PointsLots.FirstOrDefaultAsync(l => l.OrderId == order.Id, cancellationToken);
        long cancelled = 0, deducted = 0;
        if (lot is { Status: PointsLotStatus.Pending })
        {
            cancelled = Math.Min(points, lot.Remaining);
            lot.Remaining -= cancelled;
            lot.Version++;
            if (lot.Remaining == 0)
            {
                lot.Status = PointsLotStatus.Cancelled;
            }

            await ledger.AdjustAsync(db, order.MemberId, 0, -cancelled, cancellationToken);
        }

        var toDeduct = points - cancelled;
        if (toDeduct > 0)
        {
            var account = await ledger.ReadAsync(db, order.MemberId, cancellationToken);
            deducted = Math.Min(toDeduct, account.Balance);
            if (deducted > 0)
            {
                if (!await ledger.TryDebitAsync(db, order.MemberId, deducted, cancellationToken))
                {
                    // The balance moved between the read and the debit (only possible without a writer lock): retry the unit of work.
                    throw new DbUpdateConcurrencyException($"Member {order.MemberId}'s balance changed during a refund.");
                }

                await ledger.ConsumeAsync(db, order.MemberId, deducted, lot?.Id, cancellationToken);
            }
        }

        refund.PointsCancelled = cancelled;
        refund.PointsDeducted = deducted;
        refund.PointsShortfall = points - cancelled - deducted;
        if (cancelled == 0 && deducted == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var after = await ledger.ReadAsync(db, order.MemberId, cancellationToken);
        var entry = ledger.Append(db, order.MemberId, PointsEntryKind.Reverse, -deducted, -cancelled, after,
            $"Refund {refund.RefundId} of {order.Channel} order {order.ChannelOrderId}", PointsSourceKind.Refund,
            GlobalId.Encode("Order", order.Id), $"refund:{refund.Id}:reverse");
        await db.SaveChangesAsync(cancellationToken);
        return new PointsMovement(entry, after.Balance, after.Pending);
    }
}
