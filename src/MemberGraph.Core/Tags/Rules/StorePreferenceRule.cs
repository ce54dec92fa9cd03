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
        // Members without a store visit in the window come back with no store (filtering in SQL would run the top-1 query twice).
        var favourites = await Favourites(context, rule).AsNoTracking().ToListAsync(cancellationToken);
        var codes = await context.Db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken);
        return favourites
            .Where(f => f.StoreId is not null)
            .Select(f => new TagMatch { MemberId = f.MemberId, Value = codes.GetValueOrDefault(f.StoreId!.Value) })
            .Where(m => rule.StoreCode is null || string.Equals(m.Value, rule.StoreCode, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>Each member of the batch with the store they visited most in the window (null without a visit).</summary>
    public IQueryable<FavouriteStore> Favourites(RuleContext context, TagRule rule)
    {
        var since = context.Now.AddDays(-(rule.WindowDays ?? DefaultWindowDays));
        var purchases = context.Purchases;
        return context.Members.Select(m => new FavouriteStore
        {
            MemberId = m.Id,
            StoreId = purchases
                .Where(o => o.MemberId == m.Id && o.StoreId != null && o.PaidAt >= since)
                .GroupBy(o => o.StoreId)
                .Select(g => new { StoreId = g.Key, Visits = g.Count(), Last = g.Max(o => o.PaidAt) })
                .OrderByDescending(s => s.Visits).ThenByDescending(s => s.Last).ThenBy(s => s.StoreId)
                .Select(s => s.StoreId)
                .FirstOrDefault(),
        });
    }
}

/// <summary>A member and their most-visited store.</summary>
public sealed class FavouriteStore
{
    public long MemberId { get; init; }
    public long? StoreId { get; init; }
}
