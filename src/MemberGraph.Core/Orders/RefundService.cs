using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>
/// Refunds, idempotent by (order, refund id). The order's lines, totals and status are written and
/// <see cref="OrderRefunded"/> raised in one unit of work: the handlers of the other features (points reversal,
/// commission clawback, coupons) and the audit line commit with the refund, and what subscribers hear goes out after
/// the commit. A side effect of a refund is a handler of <see cref="OrderRefunded"/> in its feature.
/// </summary>
public sealed class RefundService(
    IDbContextFactory<MemberGraphDb> factory,
    DomainEventDispatcher events,
    AuditLog audit,
    TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<Outcome<RecordedRefund>> RefundAsync(RefundOrderCommand command, Caller caller, CancellationToken cancellationToken)
    {
        if (OrderValidation.Check(command) is { } invalid)
        {
            return invalid;
        }

        if (command.Channel is { } named)
        {
            ChannelScope.EnsureCovers(caller, named, "refund orders");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RefundOnceAsync(command, caller, beforeTheTurn: attempt == 1, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsRetryable())
            {
                // A parallel request with the same refund id committed first (the next attempt replays), or what the first attempt read
                // before the turn moved (the order's totals, a lot, a commission line): the next attempts read under the lock.
            }
        }
    }

    /// <summary>
    /// One attempt. With <paramref name="beforeTheTurn"/> the order, its lines and what the handlers of <see cref="OrderRefunding"/>
    /// read (the points lot, the commission lines) are read before the unit of work takes SQLite's one writer's turn, so refunds
    /// queued behind this one do not wait out these reads; replays and refusals then never take the turn. The writes re-check each
    /// of those reads (the order's refunded total and the lines' refunded figures in <see cref="RefundedLines"/>, the lot's and the
    /// commission lines' versions), so a refund planned on a row another writer moved meanwhile is rolled back, never applied: the
    /// next attempt claims the order's row first and reads inside the turn, where nothing moves under it (on PostgreSQL the row lock
    /// makes refunds of one order wait for each other instead of failing again).
    /// </summary>
    private async Task<Outcome<RecordedRefund>> RefundOnceAsync(RefundOrderCommand command, Caller caller, bool beforeTheTurn, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var work = beforeTheTurn ? events.Prepare(db) : await events.BeginAsync(db, cancellationToken);
        var read = beforeTheTurn ? await RefundedOrderRead.ReadAsync(db, command, cancellationToken) : await ClaimedAsync(db, command, cancellationToken);
        if (read is not { } found)
        {
            return Outcome<RecordedRefund>.Refused(UserErrorCode.NotFound, "No such order.", "orderId");
        }

        var (order, first) = found;
        if (caller.Is(Roles.Staff) && (caller.StoreId is null || order.StoreId != caller.StoreId))
        {
            throw RequestRefusedException.NotAuthorized("refund orders of another store");
        }

        ChannelScope.EnsureCovers(caller, order.Channel, "refund orders");

        var hash = ContentHash.Of(command);
        if (first is not null)
        {
            return first.ContentHash == hash
                ? Outcome<RecordedRefund>.Ok(new RecordedRefund(order, first, Replayed: true))
                : Outcome<RecordedRefund>.Refused(UserErrorCode.IdempotencyConflict, $"Refund {command.RefundId} was already recorded with different content.", "refundId");
        }

        var plan = RefundPlan.For(order, command);
        if (plan.Value is not { } parts)
        {
            return plan.Error!;
        }

        var refund = new OrderRefund
        {
            RefundId = command.RefundId,
            Kind = RefundPlan.KindOf(command),
            Reason = command.Reason,
            RefundedAt = clock.GetUtcNow().UtcDateTime,
            ContentHash = hash,
        };
        var refundLines = new List<OrderRefundLine>(parts.Count);
        long pointsToReverse = 0;
        foreach (var (line, quantity, cents) in parts)
        {
            pointsToReverse += RefundPlan.PointsToReverse(line, line.RefundedCents, line.RefundedCents + cents);
            line.RefundedQuantity += quantity;
            line.RefundedCents += cents;
            refund.AmountCents += cents;
            refundLines.Add(new OrderRefundLine { OrderLineId = line.Id, LineNumber = line.LineNumber, Quantity = quantity, AmountCents = cents });
        }

        var refundedBefore = order.RefundedAmountCents;
        order.RefundedAmountCents += refund.AmountCents;
        order.Status = order.RefundedAmountCents >= order.PaidAmountCents && order.Lines.All(l => l.RefundedQuantity == l.Quantity || l.RefundableCents == 0)
            ? OrderStatus.FullyRefunded
            : OrderStatus.PartiallyRefunded;
        order.Refunds.Add(refund);

        // The other features decide (and read) before the writes: the refund's points figures go in with its row.
        work.Raise(new OrderRefunding(order, refund, refundLines, pointsToReverse, caller));
        await work.RunHandlersAsync(cancellationToken);
        if (!work.Writing)
        {
            await work.BeginWritesAsync(cancellationToken);
            refund.RefundedAt = clock.GetUtcNow().UtcDateTime; // when its turn came, as before the handlers decided first
        }

        // The refund row (its unique (order, refund id) index backs the idempotency), then the order's totals, the lines' totals
        // and the refund's lines as one statement each, the totals only while they are what was read.
        await RefundedLines.SaveAsync(db, order, refundedBefore, refund, parts, refundLines, cancellationToken);

        work.Raise(new OrderRefunded(order, refund, pointsToReverse, caller));
        await work.RunHandlersAsync(cancellationToken);
        audit.Record(db, caller, "refundOrder", $"Order:{order.Id}",
            $"refund {refund.RefundId} ({refund.Kind}) of {refund.AmountCents} cents; points cancelled {refund.PointsCancelled}, deducted {refund.PointsDeducted}, shortfall {refund.PointsShortfall}");
        await work.CommitAsync(cancellationToken);
        return Outcome<RecordedRefund>.Ok(new RecordedRefund(order, refund, Replayed: false));
    }

    /// <summary>Inside the turn: the order's row claimed (and locked where the engine has row locks), then its lines and the earlier refund.</summary>
    private static async Task<(Order, OrderRefund?)?> ClaimedAsync(MemberGraphDb db, RefundOrderCommand command, CancellationToken cancellationToken) =>
        await RefundedOrderRead.ClaimAsync(db, command, cancellationToken) is { } order
            ? (order, await RefundedOrderRead.LinesAndEarlierRefundAsync(db, order, command.RefundId, cancellationToken))
            : null;
}
