using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Tags;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Segments;

/// <summary>
/// What an expression's names refer to, read once per expression: tag keys → tag ids, store codes → stores, cities →
/// their stores, tier names → levels, and which tags hold a member's most-visited store. A name that refers to
/// nothing is an error at its position, so a typo never silently selects nobody.
/// </summary>
public sealed record SegmentLookups(
    IReadOnlyDictionary<string, long> TagIds,
    IReadOnlyDictionary<string, (long Id, string Code)> Stores,
    IReadOnlyDictionary<string, List<(long Id, string Code)>> Cities,
    IReadOnlyList<long> StorePreferenceTagIds,
    Func<string, int?> TierLevel)
{
    public static async Task<(SegmentLookups? Lookups, SegmentSyntaxError? Error)> LoadAsync(
        MemberGraphDb db, string text, SegmentExpression expression, TierLadder ladder, CancellationToken cancellationToken)
    {
        var tagKeys = Walk(expression).OfType<HasTag>().Select(t => t.Key).Distinct().ToList();
        var tagIds = await db.TagDefinitions.AsNoTracking().Where(t => tagKeys.Contains(t.Key) && t.Active).ToDictionaryAsync(t => t.Key, t => t.Id, StringComparer.Ordinal, cancellationToken);
        if (tagKeys.FirstOrDefault(k => !tagIds.ContainsKey(k)) is { } unknownTag)
        {
            return (null, new SegmentSyntaxError($"No active tag '{unknownTag}'.", PositionOf(text, unknownTag)));
        }

        var stores = await db.Stores.AsNoTracking().Select(s => new { s.Id, s.Code, s.City }).ToListAsync(cancellationToken);
        var ruleTags = await db.TagDefinitions.AsNoTracking().Where(t => t.Kind == TagKind.Rule && t.Active && t.RuleJson != null).Select(t => new { t.Id, t.RuleJson }).ToListAsync(cancellationToken);
        var lookups = new SegmentLookups(
            tagIds,
            stores.ToDictionary(s => s.Code, s => (s.Id, s.Code), StringComparer.OrdinalIgnoreCase),
            stores.GroupBy(s => s.City).ToDictionary(g => g.Key, g => g.Select(s => (s.Id, s.Code)).ToList(), StringComparer.OrdinalIgnoreCase),
            ruleTags.Where(t => IsStorePreference(t.RuleJson!)).Select(t => t.Id).ToList(),
            ladder.Find);

        foreach (var attribute in Walk(expression).OfType<AttributeIs>())
        {
            if (lookups.Problem(attribute) is { } problem)
            {
                return (null, new SegmentSyntaxError(problem, PositionOf(text, attribute.Value)));
            }
        }

        return (lookups, null);
    }

    private string? Problem(AttributeIs attribute) => attribute.Attribute switch
    {
        "tier" when TierLevel(attribute.Value) is null => $"No tier '{attribute.Value}'.",
        "store" when !Stores.ContainsKey(attribute.Value) => $"No store with code '{attribute.Value}'.",
        "city" when !Cities.ContainsKey(attribute.Value) => $"No store in city '{attribute.Value}'.",
        "gender" when SegmentPredicates.ParseGender(attribute.Value) is null => $"Gender is FEMALE, MALE or UNKNOWN, not '{attribute.Value}'.",
        "registered" when SegmentPredicates.ParseBoolean(attribute.Value) is null => $"registered is true or false, not '{attribute.Value}'.",
        _ => null,
    };

    private static bool IsStorePreference(string json)
    {
        try
        {
            return TagRule.FromJson(json) is { Kind: TagRuleKind.StorePreference, StoreCode: null };
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<SegmentExpression> Walk(SegmentExpression expression)
    {
        yield return expression;
        var children = expression switch
        {
            Not not => [not.Operand],
            And and => [and.Left, and.Right],
            Or or => [or.Left, or.Right],
            _ => Array.Empty<SegmentExpression>(),
        };
        foreach (var descendant in children.SelectMany(Walk))
        {
            yield return descendant;
        }
    }

    private static int PositionOf(string text, string word) =>
        SegmentTokenizer.Tokenize(text, out _).FirstOrDefault(t => t.Kind == TokenKind.Word && t.Text == word)?.Position ?? 0;
}
