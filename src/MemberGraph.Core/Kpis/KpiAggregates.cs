using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Guides.Tasks;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Kpis;

/// <summary>
/// The KPI figures as aggregate SQL: each method is one grouped query whose rows are counts and sums, never the members or
/// orders themselves (the order figures and repeat purchase are <see cref="BuyerAggregates"/>). Definitions are on the figure records (<see cref="KpiFigures"/>).
/// Guide ids come in as a short list (a store's guides), so filters on them are <c>IN (...)</c> on an indexed column.
/// </summary>
public static class KpiAggregates
{
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
