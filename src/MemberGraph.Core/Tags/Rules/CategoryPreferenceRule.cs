using MemberGraph.Orders;

namespace MemberGraph.Tags.Rules;

/// <summary>
/// Category preference ("loves imported fruit"): the category's share of the member's net spend (line paid share
/// minus refunds) within the window is at least <see cref="TagRule.MinSharePercent"/>. One GROUP BY over the lines.
/// </summary>
public sealed class CategoryPreferenceRule : SqlTagRule
{
    public const int DefaultWindowDays = 180;

    public override TagRuleKind Kind => TagRuleKind.CategoryPreference;

    public override IQueryable<TagMatch> Query(RuleContext context, TagRule rule)
    {
        if (ParseCategory(rule.Category) is not { } category)
        {
            return context.Members.Where(_ => false).Select(m => new TagMatch { MemberId = m.Id });
        }

        var since = context.Now.AddDays(-(rule.WindowDays ?? DefaultWindowDays));
        var share = (long)(rule.MinSharePercent ?? 100);
        return context.Purchases
            .Where(o => o.PaidAt >= since)
            .Join(context.Db.OrderLines, o => o.Id, l => l.OrderId, (o, l) => new { o.MemberId, l.Category, Net = l.PaidShareCents - l.RefundedCents })
            .GroupBy(x => x.MemberId)
            .Select(g => new { MemberId = g.Key, Total = g.Sum(x => x.Net), InCategory = g.Sum(x => x.Category == category ? x.Net : 0L) })
            .Where(s => s.Total > 0 && s.InCategory * 100 >= s.Total * share)
            .Select(s => new TagMatch { MemberId = s.MemberId });
    }

    /// <summary>IMPORTED_FRUIT, ImportedFruit or importedfruit.</summary>
    public static ProductCategory? ParseCategory(string? text) =>
        Enum.TryParse<ProductCategory>(text?.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var category) && Enum.IsDefined(category)
            ? category
            : null;
}
