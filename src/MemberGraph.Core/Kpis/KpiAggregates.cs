using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Guides.Tasks;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Kpis;

/// <summary>
/// The KPI figures as aggregate SQL: each method is one grouped query (two for repeat purchase) whose rows are counts and
/// sums, never the members or orders themselves. Definitions are on the figure records (<see cref="KpiFigures"/>).
/// Guide ids come in as a short list (a store's guides), so filters on them are <c>IN (...)</c> on an indexed column.
/// </summary>
public static class KpiAggregates
{
    /// <summary>Orders paid in the period among <paramref name="scope"/> (a store's, or a guide's attributed orders).</summary>
    public static async Task<OrderFigures> OrdersAsync(MemberGraphDb db, IQueryable<Order> scope, KpiPeriod period, CancellationToken cancellationToken)
    {
        var rows = await InPeriod(scope, period)
            .GroupBy(o => 1)
            .Select(g => new
            {
                Orders = g.Count(),
                MemberOrders = g.Count(o => db.Members.Any(m => m.Id == o.MemberId && m.RegisteredAt != null && m.RegisteredAt <= o.PaidAt)),
                SalesCents = g.Sum(o => o.PaidAmountCents - o.RefundedAmountCents),
            })
            .ToListAsync(cancellationToken);
        var row = rows.SingleOrDefault();
        return row is null ? new OrderFigures(0, 0, 0) : new OrderFigures(row.Orders, row.MemberOrders, row.SalesCents);
    }

    /// <summary>
    /// <see cref="OrdersAsync"/> and <see cref="RepeatPurchaseAsync"/> in one pass over the period's orders: the orders are
    /// grouped per buyer (each order looks its buyer up once), and the per-buyer rows are added up in the same statement.
    /// Same definitions as the two separate methods; this is the one a store's KPIs use, where the period holds many orders.
    /// </summary>
    public static async Task<(OrderFigures Orders, RepeatPurchaseFigures RepeatPurchase)> OrdersAndRepeatPurchaseAsync(
        MemberGraphDb db, IQueryable<Order> scope, KpiPeriod period, CancellationToken cancellationToken)
    {
        var perBuyer = InPeriod(scope, period)
            .Join(db.Members, o => o.MemberId, m => m.Id, (o, m) => new
            {
                o.MemberId,
                Cents = o.PaidAmountCents - o.RefundedAmountCents,
                IsMemberOrder = m.RegisteredAt != null && m.RegisteredAt <= o.PaidAt,
                IsPurchase = m.RegisteredAt != null && m.RegisteredAt <= o.PaidAt && m.Status != MemberStatus.Erased
                    && o.Status != OrderStatus.FullyRefunded,
            })
            .GroupBy(x => x.MemberId)
            .Select(g => new
            {
                Orders = g.Count(),
                MemberOrders = g.Count(x => x.IsMemberOrder),
                SalesCents = g.Sum(x => x.Cents),
                Purchases = g.Count(x => x.IsPurchase),
            });
        var rows = await perBuyer
            .GroupBy(b => 1)
            .Select(g => new
            {
                Orders = g.Sum(b => b.Orders),
                MemberOrders = g.Sum(b => b.MemberOrders),
                SalesCents = g.Sum(b => b.SalesCents),
                Buyers = g.Count(b => b.Purchases >= 1),
                RepeatBuyers = g.Count(b => b.Purchases >= 2),
            })
            .ToListAsync(cancellationToken);
        var row = rows.SingleOrDefault();
        return row is null
            ? (new OrderFigures(0, 0, 0), new RepeatPurchaseFigures(0, 0))
            : (new OrderFigures(row.Orders, row.MemberOrders, row.SalesCents), new RepeatPurchaseFigures(row.Buyers, row.RepeatBuyers));
    }

    /// <summary>Buyers and repeat buyers among the period's member orders of <paramref name="scope"/>, fully refunded ones left out.</summary>
    public static async Task<RepeatPurchaseFigures> RepeatPurchaseAsync(MemberGraphDb db, IQueryable<Order> scope, KpiPeriod period, CancellationToken cancellationToken)
    {
        var purchases = InPeriod(scope, period)
            .Where(o => o.Status != OrderStatus.FullyRefunded)
            .Where(o => db.Members.Any(m => m.Id == o.MemberId && m.Status != MemberStatus.Erased && m.RegisteredAt != null && m.RegisteredAt <= o.PaidAt))
            .GroupBy(o => o.MemberId);
        var buyers = await purchases.CountAsync(cancellationToken);
        var repeatBuyers = buyers == 0 ? 0 : await purchases.Where(g => g.Count() >= 2).CountAsync(cancellationToken);
        return new RepeatPurchaseFigures(buyers, repeatBuyers);
    }

    /// <summary>The member base of the guides: their exclusive customers now, and who of them is new, on WeCom, reachable.</summary>
    public static async Task<MemberBaseFigures> MemberBaseAsync(MemberGraphDb db, IReadOnlyCollection<long> guideIds, KpiPeriod period, CancellationToken cancellationToken)
    {
        if (guideIds.Count == 0)
        {
            return new MemberBaseFigures(0, 0, 0, 0, 0);
        }

        var (start, end) = (period.StartUtc, period.EndUtc);
        var rows = await (
                from r in db.GuideRelationships
                where guideIds.Contains(r.GuideId) && r.EndedAt == null && r.Kind == GuideRelationshipKind.Exclusive
                join m in db.Members on r.MemberId equals m.Id
                where m.Status == MemberStatus.Active
                select new
                {
                    IsNew = m.RegisteredAt >= start && m.RegisteredAt < end,
                    OnWeCom = db.GuideRelationships.Any(w => w.MemberId == m.Id && w.EndedAt == null && guideIds.Contains(w.GuideId)
                        && (w.Source == RelationshipSource.WeComAddContact || w.Source == RelationshipSource.Transfer)),
                    Consents = db.MarketingConsents.Any(c => c.MemberId == m.Id
                        && (c.Purpose == ConsentPurpose.GuideOutreach || (c.Purpose == ConsentPurpose.SubscribeMessage && c.Remaining > 0))),
                })
            .GroupBy(x => 1)
            .Select(g => new
            {
                Members = g.Count(),
                New = g.Count(x => x.IsNew),
                WeCom = g.Count(x => x.OnWeCom),
                Reachable = g.Count(x => x.OnWeCom || x.Consents),
            })
            .ToListAsync(cancellationToken);
        var row = rows.SingleOrDefault();
        var newCustomers = await NewCustomersByGuide(db, guideIds, period).Select(r => r.MemberId).Distinct().CountAsync(cancellationToken);
        return row is null
            ? new MemberBaseFigures(0, 0, newCustomers, 0, 0)
            : new MemberBaseFigures(row.Members, row.New, newCustomers, row.WeCom, row.Reachable);
    }

    /// <summary>Orders attributed to the guides and their commission, both in the period.</summary>
    public static async Task<GuideSalesFigures> GuideSalesAsync(MemberGraphDb db, IReadOnlyCollection<long> guideIds, KpiPeriod period, CancellationToken cancellationToken)
    {
        if (guideIds.Count == 0)
        {
            return new GuideSalesFigures(0, 0, 0);
        }

        var sales = await AttributedSalesByGuide(db, guideIds, period).ToListAsync(cancellationToken);
        // One row per guide comes back (a store has a handful), added up here.
        var commission = await CommissionByGuide(db, guideIds, period).ToListAsync(cancellationToken);
        return new GuideSalesFigures(sales.Sum(s => s.Rows), sales.Sum(s => s.Value), commission.Sum(c => c.Value));
    }

    /// <summary>Per guide: attributed orders paid in the period and their paid-minus-refunded cents.</summary>
    public static IQueryable<GuideSum> AttributedSalesByGuide(MemberGraphDb db, IReadOnlyCollection<long> guideIds, KpiPeriod period) =>
        InPeriod(db.Orders.Where(o => o.AttributedGuideId != null && guideIds.Contains(o.AttributedGuideId.Value)), period)
            .GroupBy(o => o.AttributedGuideId!.Value)
            .Select(g => new GuideSum(g.Key, g.Sum(o => o.PaidAmountCents - o.RefundedAmountCents), g.Count()));

    /// <summary>Per guide: commission earned in the period, net of clawbacks.</summary>
    public static IQueryable<GuideSum> CommissionByGuide(MemberGraphDb db, IReadOnlyCollection<long> guideIds, KpiPeriod period)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        return db.CommissionLines
            .Where(l => guideIds.Contains(l.GuideId) && l.EarnedAt >= start && l.EarnedAt < end)
            .GroupBy(l => l.GuideId)
            .Select(g => new GuideSum(g.Key, g.Sum(l => l.AmountCents - l.ClawedBackCents), g.Count()));
    }

    /// <summary>Per guide: customers won in the period (see <see cref="MemberBaseFigures.NewCustomers"/>).</summary>
    public static IQueryable<GuideSum> NewCustomerCountsByGuide(MemberGraphDb db, IReadOnlyCollection<long> guideIds, KpiPeriod period) =>
        NewCustomersByGuide(db, guideIds, period)
            .GroupBy(r => r.GuideId)
            .Select(g => new GuideSum(g.Key, g.Select(r => r.MemberId).Distinct().Count(), g.Count()));

    /// <summary>Tasks of the guides due in the period, and how many of them are done (see <see cref="TaskFigures"/>).</summary>
    public static async Task<TaskFigures> TasksAsync(MemberGraphDb db, IReadOnlyCollection<long> guideIds, KpiPeriod period, CancellationToken cancellationToken)
    {
        if (guideIds.Count == 0)
        {
            return new TaskFigures(0, 0);
        }

        var rows = await TasksDueByGuide(db, guideIds, period)
            .GroupBy(t => 1)
            .Select(g => new { Assigned = g.Count(), Done = g.Count(t => t.Status == GuideTaskStatus.Done) })
            .ToListAsync(cancellationToken);
        var row = rows.SingleOrDefault();
        return row is null ? new TaskFigures(0, 0) : new TaskFigures(row.Assigned, row.Done);
    }

    /// <summary>Per guide: tasks due in the period that the guide completed.</summary>
    public static IQueryable<GuideSum> TasksDoneByGuide(MemberGraphDb db, IReadOnlyCollection<long> guideIds, KpiPeriod period) =>
        TasksDueByGuide(db, guideIds, period)
            .Where(t => t.Status == GuideTaskStatus.Done)
            .GroupBy(t => t.GuideId!.Value)
            .Select(g => new GuideSum(g.Key, g.Count(), g.Count()));

    /// <summary>Tasks assigned to one of the guides and due in the period (UNASSIGNED and SKIPPED rows have no guide; a MERGED one was the same person's second task).</summary>
    private static IQueryable<GuideTask> TasksDueByGuide(MemberGraphDb db, IReadOnlyCollection<long> guideIds, KpiPeriod period)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        return db.GuideTasks.Where(t => t.GuideId != null && guideIds.Contains(t.GuideId.Value) && t.DueAt >= start && t.DueAt < end
            && t.Status != GuideTaskStatus.Merged);
    }

    private static IQueryable<GuideRelationship> NewCustomersByGuide(MemberGraphDb db, IReadOnlyCollection<long> guideIds, KpiPeriod period)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        return db.GuideRelationships.Where(r => guideIds.Contains(r.GuideId) && r.Kind == GuideRelationshipKind.Exclusive
            && r.Source != RelationshipSource.Transfer && r.Since >= start && r.Since < end
            && db.Members.Any(m => m.Id == r.MemberId && m.Status == MemberStatus.Active));
    }

    private static IQueryable<Order> InPeriod(IQueryable<Order> orders, KpiPeriod period)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        return orders.Where(o => o.PaidAt >= start && o.PaidAt < end);
    }
}

/// <summary>One guide's figure in a grouped query: the value ranked on, and how many rows made it.</summary>
public sealed record GuideSum(long GuideId, long Value, int Rows);
