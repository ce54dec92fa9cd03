namespace MemberGraph.Tags.Rules;

/// <summary>
/// Lifecycle stages, mutually exclusive: NEW within <c>newDays</c> (30) of registering (or being created, for
/// visitors); otherwise by days since the last purchase — ACTIVE below <c>dormantDays</c> (60), DORMANT from there
/// to <c>churnDays</c> (120), CHURN_RISK beyond. Members who never bought and are no longer new have no stage.
/// </summary>
public sealed class LifecycleRule : SqlTagRule
{
    public const int DefaultNewDays = 30;
    public const int DefaultDormantDays = 60;
    public const int DefaultChurnDays = 120;

    public override TagRuleKind Kind => TagRuleKind.Lifecycle;

    public override IQueryable<TagMatch> Query(RuleContext context, TagRule rule)
    {
        var now = context.Now;
        var newSince = now.AddDays(-(rule.NewDays ?? DefaultNewDays));
        if (rule.Stage == LifecycleStage.New)
        {
            return context.Members.Where(m => (m.RegisteredAt ?? m.CreatedAt) >= newSince).Select(m => new TagMatch { MemberId = m.Id });
        }

        var dormantFrom = now.AddDays(-(rule.DormantDays ?? DefaultDormantDays));
        var churnFrom = now.AddDays(-(rule.ChurnDays ?? DefaultChurnDays));
        var lastPurchases = context.Purchases.GroupBy(o => o.MemberId).Select(g => new { MemberId = g.Key, Last = g.Max(o => o.PaidAt) });
        lastPurchases = rule.Stage switch
        {
            LifecycleStage.Active => lastPurchases.Where(s => s.Last >= dormantFrom),
            LifecycleStage.Dormant => lastPurchases.Where(s => s.Last < dormantFrom && s.Last >= churnFrom),
            _ => lastPurchases.Where(s => s.Last < churnFrom),
        };

        return context.Members
            .Where(m => (m.RegisteredAt ?? m.CreatedAt) < newSince)
            .Join(lastPurchases, m => m.Id, s => s.MemberId, (m, s) => new TagMatch { MemberId = m.Id });
    }
}
