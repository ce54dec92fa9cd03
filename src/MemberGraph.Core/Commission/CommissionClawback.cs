using MemberGraph.Audit;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Commission;

/// <summary>
/// Refunds take commission back in proportion, inside the refund's transaction: a line's clawed-back total follows
/// its refunded share of the paid amount (computed on the running totals, so partial refunds add up to exactly the
/// whole commission). Pending lines give back pending commission, settled lines settled commission; a line taken back
/// entirely becomes CLAWED_BACK. Totals move by atomic updates; <c>commissionUpdated</c> goes out after the refund commits.
/// </summary>
public sealed class CommissionClawback(CommissionBook book, AuditLog audit, TimeProvider clock) : IDomainEventHandler<OrderRefunded>
{
    public async Task HandleAsync(OrderRefunded refund, UnitOfWork work, CancellationToken cancellationToken)
    {
        var db = work.Db;
        var order = refund.Order;
        // Read before the refund was written (PlanClawback); written back below only at the versions read.
        var commissions = (work.Noted<PlannedClawback>(refund.Refund) ?? throw new InvalidOperationException(
            $"Refund {refund.Refund.RefundId} reached its clawback without a plan: raise OrderRefunding before OrderRefunded.")).Lines;
        if (commissions.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var moved = new List<(CommissionLine Line, long Delta, long RefundedCents, TotalsDelta Totals)>();
        foreach (var commission in commissions.OrderBy(c => c.LineNumber))
        {
            var line = order.Lines.First(l => l.Id == commission.OrderLineId);
            var fullyReturned = line.RefundedCents >= line.PaidShareCents && (line.PaidShareCents > 0 || line.RefundedQuantity >= line.Quantity);
            var target = fullyReturned ? commission.AmountCents : Allocation.Scale(commission.AmountCents, line.RefundedCents, line.PaidShareCents);
            var delta = target - commission.ClawedBackCents;
            if (delta <= 0)
            {
                continue;
            }

            var wasSettled = commission.Status == CommissionStatus.Settled;
            commission.ClawedBackCents = target;
            commission.ClawedBackAt = now;
            if (commission.ClawedBackCents == commission.AmountCents)
            {
                commission.Status = CommissionStatus.ClawedBack;
            }

            var refundedCents = refund.Refund.Lines.Where(l => l.OrderLineId == line.Id).Sum(l => l.AmountCents);
            moved.Add((commission, delta, refundedCents, new TotalsDelta(-delta, wasSettled ? 0 : -delta, wasSettled ? -delta : 0, delta)));
        }

        if (moved.Count == 0)
        {
            return;
        }

        await ClawBackLinesAsync(db, moved.ConvertAll(m => m.Line), now, cancellationToken);
        foreach (var guide in moved.GroupBy(m => m.Line.GuideId))
        {
            var sum = guide.Aggregate(new TotalsDelta(0, 0, 0, 0), (a, m) =>
                new TotalsDelta(a.MovementCents + m.Totals.MovementCents, a.PendingCents + m.Totals.PendingCents, a.SettledCents + m.Totals.SettledCents, a.ClawedBackCents + m.Totals.ClawedBackCents));
            var totals = await book.ApplyAsync(db, guide.Key, sum, cancellationToken);
            audit.Record(db, refund.RefundedBy, "commission.clawback", $"Order:{order.Id}",
                $"refund {refund.Refund.RefundId}: {-sum.MovementCents} cents of Guide:{guide.Key}'s commission clawed back over {guide.Count()} line(s)");

            var events = new List<CommissionChanged>();
            foreach (var (line, delta, refundedCents, totalsDelta) in guide.Reverse())
            {
                events.Add(new CommissionChanged(guide.Key, totals, order.Id, line.LineNumber, line.Sku, line.Category, refundedCents, -delta, CommissionChangeReason.ClawedBack, now));
                totals = totals.Before(totalsDelta);
            }

            events.Reverse();
            events.ForEach(work.Publish);
        }
    }

    /// <summary>
    /// One UPDATE for every commission line the refund takes back (EF Core's SQLite provider would send one per line), each only
    /// at the version read: a settlement that touched one of them since fails the refund, which then starts again.
    /// </summary>
    private static async Task ClawBackLinesAsync(MemberGraphDb db, List<CommissionLine> lines, DateTime now, CancellationToken cancellationToken)
    {
        var updated = await ClawedBack.ExecuteAsync(db,
            lines.ConvertAll(c => new PerRowUpdate<CommissionLine>.Row(c.Id, [c.ClawedBackCents, c.Status, now, c.Version + 1], [c.Version])), cancellationToken);
        if (updated != lines.Count)
        {
            throw new DbUpdateConcurrencyException($"{lines.Count - updated} of {lines.Count} commission lines changed while a refund took them back.");
        }

        lines.ForEach(c => c.Version++);
    }

    // Each line's clawed-back total and status, its time and next version, only at the version read.
    private static readonly PerRowUpdate<CommissionLine> ClawedBack = new("CommissionLines", nameof(CommissionLine.Id),
        set: [nameof(CommissionLine.ClawedBackCents), nameof(CommissionLine.Status), nameof(CommissionLine.ClawedBackAt), nameof(CommissionLine.Version)],
        guard: [nameof(CommissionLine.Version)]);
}
