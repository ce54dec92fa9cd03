using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.WritePath.Refund;

/// <summary>
/// Before refundOrder is timed: two orders of the same content and member, each with a coupon written off on it, refunded in
/// full through each side, must leave the same rows — the order and its lines, the refund and its lines, the points lot, the
/// ledger entry, the commission lines, the coupon with its history and audit line, the order's audit lines — and move the
/// member's pending points and the guide's commission totals by the same amounts; or the run stops.
/// </summary>
internal static class RefundCheck
{
    public static async Task SameRefundWritesAsync(BenchGateway gateway, RefundScenario refunds, OrderScenario.Buyer buyer)
    {
        var orders = await refunds.PrepareAsync(2, buyer);
        var (viaGraphQL, graphQLStatements, graphQLMoves) = await RefundAsync(gateway, refunds, "/graphql", orders[0], buyer.MemberId);
        var (viaHand, handStatements, handMoves) = await RefundAsync(gateway, refunds, HandWrittenRefund.Path, orders[1], buyer.MemberId);
        Console.WriteLine($"SQL statements for one refundOrder: /graphql {graphQLStatements}, hand-written {handStatements}.");

        var a = await RowsAsync(gateway, viaGraphQL) + graphQLMoves;
        var b = await RowsAsync(gateway, viaHand) + handMoves;
        if (a != b)
        {
            throw new InvalidOperationException($"The two sides wrote different rows for the same refund:\n/graphql:\n{a}\nhand-written:\n{b}");
        }
    }

    private static async Task<(long OrderId, long Statements, string Moves)> RefundAsync(BenchGateway gateway, RefundScenario refunds, string path, long orderId, long memberId)
    {
        var before = await BalancesAsync(gateway, orderId, memberId);
        var (id, statements) = await CheckedRequest.SendAsync(gateway, refunds.Request(path, RefundScenario.Input(orderId)), "refundOrder", "order", "Order");
        var after = await BalancesAsync(gateway, orderId, memberId);
        return (id, statements, $"\nmoved: points {after.Balance - before.Balance} pending {after.Pending - before.Pending}; guide totals " +
                                $"pending {after.GuidePending - before.GuidePending} clawed back {after.GuideClawedBack - before.GuideClawedBack} month {after.GuideMonth - before.GuideMonth}");
    }

    private static async Task<(long Balance, long Pending, long GuidePending, long GuideClawedBack, long GuideMonth)> BalancesAsync(BenchGateway gateway, long orderId, long memberId)
    {
        await using var db = await gateway.DbAsync();
        var account = await db.PointsAccounts.AsNoTracking().SingleAsync(a => a.MemberId == memberId);
        var guideId = await db.Orders.Where(o => o.Id == orderId).Select(o => o.AttributedGuideId).SingleAsync();
        var totals = await db.GuideCommissionTotals.AsNoTracking().SingleOrDefaultAsync(t => t.GuideId == guideId);
        return (account.Balance, account.Pending, totals?.PendingCents ?? 0, totals?.ClawedBackCents ?? 0, totals?.MonthCents ?? 0);
    }

    /// <summary>What the refund left, without ids, numbers and times (they differ by nature).</summary>
    private static async Task<string> RowsAsync(BenchGateway gateway, long orderId)
    {
        await using var db = await gateway.DbAsync();
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Refunds).ThenInclude(r => r.Lines).AsSplitQuery().SingleAsync(o => o.Id == orderId);
        var refund = order.Refunds.Single();
        var lines = order.Lines.OrderBy(l => l.LineNumber).Select(l => $"{l.LineNumber} {l.Quantity}/{l.RefundedQuantity} {l.PaidShareCents}/{l.RefundedCents}");
        var refundLines = refund.Lines.OrderBy(l => l.LineNumber).Select(l => $"{l.LineNumber} {l.Quantity} {l.AmountCents}");
        var lot = await db.PointsLots.AsNoTracking().Where(l => l.OrderId == orderId).Select(l => $"{l.Earned} {l.Remaining} {l.Status} v{l.Version}").SingleAsync();
        var source = GlobalId.Encode("Order", orderId);
        var entries = await db.PointsEntries.AsNoTracking().Where(e => e.SourceId == source).OrderBy(e => e.Id)
            .Select(e => $"{e.Kind} {e.Amount} {e.PendingChange} {e.SourceKind} {e.Reason.Replace(order.ChannelOrderId, "#")} {e.IdempotencyKey}").ToListAsync();
        var commission = await db.CommissionLines.AsNoTracking().Where(c => c.OrderId == orderId).OrderBy(c => c.LineNumber)
            .Select(c => $"{c.LineNumber} {c.AmountCents} clawed {c.ClawedBackCents} {c.Status} at {c.ClawedBackAt != null} v{c.Version}").ToListAsync();
        var coupon = await db.Coupons.AsNoTracking().Where(c => c.MemberId == order.MemberId)
            .Join(db.CouponHistory.Where(h => h.OrderRef == order.ChannelOrderId), c => c.Id, h => h.CouponId, (c, h) => c).Distinct().SingleAsync();
        var history = await db.CouponHistory.AsNoTracking().Where(h => h.CouponId == coupon.Id).OrderBy(h => h.Id)
            .Select(h => $"{h.Event} store {h.StoreId} {h.OrderAmountCents} {h.DiscountCents}").ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Target == $"Order:{orderId}" || e.Target == $"Coupon:{coupon.Id}").OrderBy(e => e.Id)
            .Select(e => $"{e.Operation} {e.Role} {e.Detail}").ToListAsync();
        return $"""
            order: {order.Status} paid {order.PaidAmountCents} refunded {order.RefundedAmountCents}; lines {string.Join("; ", lines)}
            refund: RF-# {refund.Kind} {refund.AmountCents} {refund.Reason} points cancelled {refund.PointsCancelled} deducted {refund.PointsDeducted} shortfall {refund.PointsShortfall} {refund.ContentHash}; lines {string.Join("; ", refundLines)}
            lot: {lot}
            ledger: {string.Join("; ", entries).Replace($"order:{orderId}:", "order:#:").Replace($"refund:{refund.Id}:", "refund:#:").Replace(refund.RefundId, "RF-#")}
            commission: {string.Join("; ", commission)}
            coupon: {coupon.Status} redeemed {coupon.RedeemedAt is not null} {coupon.RedeemedOrderRef} {coupon.RedeemedOrderAmountCents} expired {coupon.ExpiredAt is not null}; history {string.Join("; ", history)}
            audit: {string.Join("; ", audit).Replace(order.ChannelOrderId, "#").Replace($"refund {refund.Id};", "refund #;").Replace(refund.RefundId, "RF-#")}
            """;
    }
}
