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
                return await RefundOnceAsync(command, caller, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsRetryable())
            {
                // A parallel request with the same refund id committed first (or a lot moved): the next attempt replays.
            }
        }
    }

    private async Task<Outcome<RecordedRefund>> RefundOnceAsync(RefundOrderCommand command, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var work = await events.BeginAsync(db, cancellationToken);
        var order = await RefundedOrderRead.ClaimAsync(db, command, cancellationToken);
        if (order is null)
        {
            return Outcome<RecordedRefund>.Refused(UserErrorCode.NotFound, "No such order.", "orderId");
        }

        if (caller.Is(Roles.Staff) && (caller.StoreId is null || order.StoreId != caller.StoreId))
        {
            throw RequestRefusedException.NotAuthorized("refund orders of another store");
        }

        ChannelScope.EnsureCovers(caller, order.Channel, "refund orders");

        var hash = ContentHash.Of(command);
        var first = await RefundedOrderRead.LinesAndEarlierRefundAsync(db, order, command.RefundId, cancellationToken);
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

        order.RefundedAmountCents += refund.AmountCents;
        order.Status = order.RefundedAmountCents >= order.PaidAmountCents && order.Lines.All(l => l.RefundedQuantity == l.Quantity || l.RefundableCents == 0)
            ? OrderStatus.FullyRefunded
            : OrderStatus.PartiallyRefunded;
        order.Refunds.Add(refund);

        // The refund row (its unique (order, refund id) index backs the idempotency) and the order's totals; the lines' totals
        // and the refund's lines follow as one statement each instead of one per line.
        await RefundedLines.SaveAsync(db, refund, parts, refundLines, cancellationToken);

        work.Raise(new OrderRefunded(order, refund, pointsToReverse, caller));
        await work.RunHandlersAsync(cancellationToken);
        audit.Record(db, caller, "refundOrder", $"Order:{order.Id}",
            $"refund {refund.RefundId} ({refund.Kind}) of {refund.AmountCents} cents; points cancelled {refund.PointsCancelled}, deducted {refund.PointsDeducted}, shortfall {refund.PointsShortfall}");
        await work.CommitAsync(cancellationToken);
        return Outcome<RecordedRefund>.Ok(new RecordedRefund(order, refund, Replayed: false));
    }
}
