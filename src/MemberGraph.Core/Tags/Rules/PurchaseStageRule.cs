namespace MemberGraph.Tags.Rules;

/// <summary>
/// The purchase journey ("first four purchases"): members with exactly <see cref="TagRule.PurchaseNumber"/>
/// purchases so far (all time, fully refunded orders not counted).
/// </summary>
public sealed class PurchaseStageRule : SqlTagRule
{
    public override TagRuleKind Kind => TagRuleKind.PurchaseStage;

    public override IQueryable<TagMatch> Query(RuleContext context, TagRule rule)
    {
        var purchases = rule.PurchaseNumber ?? 1;
        return context.Purchases
            .GroupBy(o => o.MemberId)
            .Where(g => g.Count() == purchases)
            .Select(g => new TagMatch { MemberId = g.Key });
    }
}
