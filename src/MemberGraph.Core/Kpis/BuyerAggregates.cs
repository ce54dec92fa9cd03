using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Kpis;

/// <summary>
/// The order figures (<see cref="OrderFigures"/>) and repeat purchase (<see cref="RepeatPurchaseFigures"/>) of a scope — a
/// store's orders or a guide's attributed orders — in one statement that looks each <b>buyer</b> up once, not each order.
/// </summary>
/// <remarks>
/// Both figures hinge on the buyer's registration date compared with each order's payment time. Joining every order to its
/// member costs one random member-row read per order (96,000 for a busy store's year); grouping the orders per buyer first,
/// from the order index alone, and then reading each buyer's member row once (in member-id order, as the grouping leaves
/// them) halves the reads and makes them sequential. Per buyer, the registration date decides in one comparison when it
/// falls before the buyer's first order of the period (all of them count) or after the last (none does); only a buyer who
/// registered between their own orders of the period has them counted one by one: found by member id through
/// <c>IX_Orders_MemberId_PaidAt</c> (a buyer has a handful; from the registration on, which is after the period's start) and
/// checked against the scope by primary key. Filtering them on the scope's own column instead lets SQLite pick the scope's
/// index and read the whole period's range once per such buyer. The result is exactly the per-order definition, whatever
/// the mix.
/// </remarks>
public static class BuyerAggregates
{
    public static async Task<(OrderFigures Orders, RepeatPurchaseFigures RepeatPurchase)> OrdersAndRepeatPurchaseAsync(
        MemberGraphDb db, IQueryable<Order> scope, KpiPeriod period, CancellationToken cancellationToken)
    {
        var row = (await Totals(db, scope, period).ToListAsync(cancellationToken)).SingleOrDefault();
        return row is null
            ? (new OrderFigures(0, 0, 0), new RepeatPurchaseFigures(0, 0))
            : (new OrderFigures(row.Orders, row.MemberOrders, row.SalesCents), new RepeatPurchaseFigures(row.Buyers, row.RepeatBuyers));
    }

    /// <summary>The one statement: no row when the scope has no order in the period.</summary>
    public static IQueryable<BuyerTotals> Totals(MemberGraphDb db, IQueryable<Order> scope, KpiPeriod period)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var orders = scope.Where(o => o.PaidAt >= start && o.PaidAt < end);
        var perBuyer =
            from b in orders.GroupBy(o => o.MemberId).Select(g => new
            {
                MemberId = g.Key,
                Orders = g.Count(),
                SalesCents = g.Sum(o => o.PaidAmountCents - o.RefundedAmountCents),
                Kept = g.Count(o => o.Status != OrderStatus.FullyRefunded),
                FirstPaidAt = g.Min(o => o.PaidAt),
                LastPaidAt = g.Max(o => o.PaidAt),
            })
            join m in db.Members on b.MemberId equals m.Id
            select new
            {
                b.Orders,
                b.SalesCents,
                MemberOrders = m.RegisteredAt == null || m.RegisteredAt > b.LastPaidAt ? 0
                    : m.RegisteredAt <= b.FirstPaidAt ? b.Orders
                    : db.Orders.Count(o => o.MemberId == b.MemberId && o.PaidAt >= m.RegisteredAt && o.PaidAt < end && scope.Any(s => s.Id == o.Id)),
                Purchases = m.Status == MemberStatus.Erased || m.RegisteredAt == null || m.RegisteredAt > b.LastPaidAt ? 0
                    : m.RegisteredAt <= b.FirstPaidAt ? b.Kept
                    : db.Orders.Count(o => o.MemberId == b.MemberId && o.PaidAt >= m.RegisteredAt && o.PaidAt < end && scope.Any(s => s.Id == o.Id)
                        && o.Status != OrderStatus.FullyRefunded),
            };
        return perBuyer
            .GroupBy(b => 1)
            .Select(g => new BuyerTotals(
                g.Sum(b => b.Orders),
                g.Sum(b => b.MemberOrders),
                g.Sum(b => b.SalesCents),
                g.Count(b => b.Purchases >= 1),
                g.Count(b => b.Purchases >= 2)));
    }
}

/// <summary>The period's orders, member orders and cents of a scope, and its buyers with at least one and two purchases.</summary>
public sealed record BuyerTotals(int Orders, int MemberOrders, long SalesCents, int Buyers, int RepeatBuyers);
