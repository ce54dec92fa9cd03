namespace MemberGraph.Tags.Rules;

/// <summary>
/// RFM bands ("high value", "at risk"): orders and net spend within the window, days since the last purchase.
/// Only customers (at least one purchase ever) can match; one GROUP BY over the batch's purchases.
/// </summary>
public sealed class RfmRule : SqlTagRule
{
    public const int DefaultWindowDays = 365;

    public override TagRuleKind Kind => TagRuleKind.Rfm;

    public override IQueryable<TagMatch> Query(RuleContext context, TagRule rule)
    {
        var since = context.Now.AddDays(-(rule.WindowDays ?? DefaultWindowDays));
        var stats = context.Purchases
            .GroupBy(o => o.MemberId)
            .Select(g => new
            {
                MemberId = g.Key,
                Orders = g.Count(o => o.PaidAt >= since),
                Spend = g.Sum(o => o.PaidAt >= since ? o.PaidAmountCents - o.RefundedAmountCents : 0L),
                Last = g.Max(o => o.PaidAt),
            });

        if (rule.MinOrders is { } minOrders)
        {
            stats = stats.Where(s => s.Orders >= minOrders);
        }

        if (rule.MaxOrders is { } maxOrders)
        {
            stats = stats.Where(s => s.Orders <= maxOrders);
        }

        if (rule.MinSpendCents is { } minSpend)
        {
            stats = stats.Where(s => s.Spend >= minSpend);
        }

        if (rule.MaxSpendCents is { } maxSpend)
        {
            stats = stats.Where(s => s.Spend <= maxSpend);
        }

        if (rule.MinRecencyDays is { } minRecency)
        {
            var lastBefore = context.Now.AddDays(-minRecency);
            stats = stats.Where(s => s.Last <= lastBefore);
        }

        if (rule.MaxRecencyDays is { } maxRecency)
        {
            var lastAfter = context.Now.AddDays(-maxRecency);
            stats = stats.Where(s => s.Last >= lastAfter);
        }

        return stats.Select(s => new TagMatch { MemberId = s.MemberId });
    }
}
