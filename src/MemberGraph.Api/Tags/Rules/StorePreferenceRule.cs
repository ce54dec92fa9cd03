using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tags.Rules;

/// <summary>
/// Store preference: the store a member visited most within the window (orders with a store; ties go to the most
/// recent visit, then the lower store id); the assignment's value is its code. With <see cref="TagRule.StoreCode"/>
/// only members whose favourite is that store match. One correlated top-1 query per batch; codes are mapped from
/// the (small) store table.
/// </summary>
public sealed class StorePreferenceRule : ITagRuleEvaluator
{
    public const int DefaultWindowDays = 180;

    public TagRuleKind Kind => TagRuleKind.StorePreference;

    public async Task<List<TagMatch>> MatchAsync(RuleContext context, TagRule rule, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var since = context.Now.AddDays(-(rule.WindowDays ?? DefaultWindowDays));
        var favourites = await context.Members
            .Select(m => new
            {
                m.Id,
                StoreId = context.Purchases
                    .Where(o => o.MemberId == m.Id && o.StoreId != null && o.PaidAt >= since)
                    .GroupBy(o => o.StoreId)
                    .Select(g => new { StoreId = g.Key, Visits = g.Count(), Last = g.Max(o => o.PaidAt) })
                    .OrderByDescending(s => s.Visits).ThenByDescending(s => s.Last).ThenBy(s => s.StoreId)
                    .Select(s => s.StoreId)
                    .FirstOrDefault(),
            })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var codes = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken);
        // Members without a store visit in the window come back with no store (filtering in SQL would run the top-1 query twice).
        return favourites
            .Where(f => f.StoreId is not null)
            .Select(f => new TagMatch { MemberId = f.Id, Value = codes.GetValueOrDefault(f.StoreId!.Value) })
            .Where(m => rule.StoreCode is null || string.Equals(m.Value, rule.StoreCode, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }
}
