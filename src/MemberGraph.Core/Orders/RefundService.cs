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
        await ClaimAsync(db, command, cancellationToken);
        var order = await FindAsync(db, command, cancellationToken);
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
        var first = order.Refunds.FirstOrDefault(r => r.RefundId == command.RefundId);
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
        long pointsToReverse = 0;
        foreach (var (line, quantity, cents) in parts)
        {
            pointsToReverse += RefundPlan.PointsToReverse(line, line.RefundedCents, line.RefundedCents + cents);
            line.RefundedQuantity += quantity;
            line.RefundedCents += cents;
            refund.AmountCents += cents;
            refund.Lines.Add(new OrderRefundLine { OrderLineId = line.Id, LineNumber = line.LineNumber, Quantity = quantity, AmountCents = cents });
        }

        order.RefundedAmountCents += refund.AmountCents;
        order.Status = order.RefundedAmountCents >= order.PaidAmountCents && order.Lines.All(l => l.RefundedQuantity == l.Quantity || l.RefundableCents == 0)
            ? OrderStatus.FullyRefunded
            : OrderStatus.PartiallyRefunded;
        order.Refunds.Add(refund);
        await db.SaveChangesAsync(cancellationToken);

        work.Raise(new OrderRefunded(order, refund, pointsToReverse, caller));
        await work.RunHandlersAsync(cancellationToken);
        audit.Record(db, caller, "refundOrder", $"Order:{order.Id}",
            $"refund {refund.RefundId} ({refund.Kind}) of {refund.AmountCents} cents; points cancelled {refund.PointsCancelled}, deducted {refund.PointsDeducted}, shortfall {refund.PointsShortfall}");
        await work.CommitAsync(cancellationToken);
        return Outcome<RecordedRefund>.Ok(new RecordedRefund(order, refund, Replayed: false));
    }

    /// <summary>
    /// Takes the order's row lock before the order is read. On a multi-writer server (PostgreSQL, READ COMMITTED) two refunds
    /// of one order would otherwise both read the same refunded total, both pass the "no more than was paid" check and the last
    /// write would win: five parallel refunds of 30 yuan all went through on a 100 yuan order. With the lock the second refund
    /// waits for the first to commit and then reads what it wrote (each statement sees what committed before it began). On
    /// SQLite the transaction already holds the only write lock; the UPDATE changes nothing.
    /// </summary>
    private static Task<int> ClaimAsync(MemberGraphDb db, RefundOrderCommand command, CancellationToken cancellationToken)
    {
        var orders = command.OrderId is { } id
            ? db.Orders.Where(o => o.Id == id)
            : db.Orders.Where(o => o.Channel == command.Channel && o.ChannelOrderId == command.ChannelOrderId);
        return orders.ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundedAmountCents, o => o.RefundedAmountCents), cancellationToken);
    }

    private static Task<Order?> FindAsync(MemberGraphDb db, RefundOrderCommand command, CancellationToken cancellationToken)
    {
        var orders = db.Orders.Include(o => o.Lines).Include(o => o.Refunds).AsSplitQuery();
        return command.OrderId is { } id
            ? orders.FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            : orders.FirstOrDefaultAsync(o => o.Channel == command.Channel && o.ChannelOrderId == command.ChannelOrderId, cancellationToken);
    }
}
