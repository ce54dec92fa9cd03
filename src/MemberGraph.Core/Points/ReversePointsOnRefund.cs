using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>
/// A refund takes back its share of the order's points, in the refund's transaction: pending points are cancelled,
/// available points deducted down to zero at most, and the refund records both and the shortfall (balances never go
/// negative). The member hears <c>pointsChanged</c> once the refund committed.
/// </summary>
/// <remarks>
/// The lot was read and the pending points to cancel decided before the refund was written (<see cref="PlanPointsReversal"/>),
/// so the refund's row went in with them. The lot's cancellation is one UPDATE at the version read (a lot moved since fails the
/// unit of work with <see cref="DbUpdateConcurrencyException"/>, as its save at the commit did, and the refund starts again), and
/// the ledger entry goes in by a statement of its own; when available points were deducted, the refund's points figures changed
/// here are tracked and saved with the rest of the unit of work (its commit saves).
/// </remarks>
public sealed class ReversePointsOnRefund(PointsLedger ledger, TimeProvider clock) : IDomainEventHandler<OrderRefunded>
{
    public async Task HandleAsync(OrderRefunded refunded, UnitOfWork work, CancellationToken cancellationToken)
    {
        var (db, order, refund, points) = (work.Db, refunded.Order, refunded.Refund, refunded.PointsToReverse);
        if (points <= 0)
        {
            return;
        }

        // Decided before the refund was written (PlanPointsReversal): the lot as read, saved at that version.
        var (lot, cancelled) = work.Noted<PlannedReversal>(refund) ?? throw new InvalidOperationException(
            $"Refund {refund.RefundId} reached its points reversal without a plan: raise OrderRefunding before OrderRefunded.");
        long deducted = 0;
        PointsAccount? after = null;
        if (lot is { Status: PointsLotStatus.Pending })
        {
            var read = lot.Version;
            lot.Remaining -= cancelled;
            lot.Version++;
            if (lot.Remaining == 0)
            {
                lot.Status = PointsLotStatus.Cancelled;
            }

            if (await LotCancelled.ExecuteAsync(db, [lot.Remaining, lot.Status, lot.Version, lot.Id, read], cancellationToken) == 0)
            {
                throw new DbUpdateConcurrencyException($"Points lot {lot.Id} of order {order.Id} moved since refund {refund.RefundId} read it.");
            }

            after = await ledger.AdjustAsync(db, order.MemberId, 0, -cancelled, cancellationToken);
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
                after = null; // the debit moved the account after the cancellation's update answered it
            }
        }

        refund.PointsCancelled = cancelled;
        refund.PointsDeducted = deducted;
        refund.PointsShortfall = points - cancelled - deducted;
        if (cancelled == 0 && deducted == 0)
        {
            return;
        }

        // Pending points only (the usual refund inside the return window): the account as the cancelling UPDATE answered it.
        after ??= await ledger.ReadAsync(db, order.MemberId, cancellationToken);
        var entry = await ledger.AppendNowAsync(db, order.MemberId, PointsEntryKind.Reverse, -deducted, -cancelled, after,
            LedgerReasons.Reversed(refund.RefundId, order.Channel, order.ChannelOrderId), PointsSourceKind.Refund,
            GlobalId.Encode("Order", order.Id), $"refund:{refund.Id}:reverse", cancellationToken);
        work.Publish(new PointsChanged(order.MemberId, after.Balance, after.Pending, entry, clock.GetUtcNow().UtcDateTime));
    }

    // The pending points a refund cancels, at the lot's version as read (see PlanPointsReversal).
    private static readonly SqlWrite LotCancelled = new(_ => """
        UPDATE "PointsLots" SET "Remaining" = @remaining, "Status" = @status, "Version" = @version WHERE "Id" = @id AND "Version" = @read
        """,
        SqlArg.Like<PointsLot>("remaining", nameof(PointsLot.Remaining)), SqlArg.Like<PointsLot>("status", nameof(PointsLot.Status)),
        SqlArg.Like<PointsLot>("version", nameof(PointsLot.Version)), SqlArg.Of<long>("id"), SqlArg.Like<PointsLot>("read", nameof(PointsLot.Version)));
}
