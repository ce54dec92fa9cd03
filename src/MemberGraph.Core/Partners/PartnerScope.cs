namespace MemberGraph.Partners;

/// <summary>What a partner token may be used for; each has its OAuth scope word (<see cref="PartnerScopes.Word"/>).</summary>
public enum PartnerScope
{
    /// <summary><c>benefits:read</c>: the benefits a consenting member shares (tier, the partner's coupons).</summary>
    BenefitsRead = 0,

    /// <summary><c>benefits:redeem</c>: write off the partner's shared benefits.</summary>
    BenefitsRedeem = 1,

    /// <summary><c>points:exchange</c>: points balance, exchanges and credits of a consenting member.</summary>
    PointsExchange = 2,
}

/// <summary>The OAuth spelling of <see cref="PartnerScope"/>s: words in a space-separated <c>scope</c> string (RFC 6749 §3.3).</summary>
public static class PartnerScopes
{
    private static readonly Dictionary<PartnerScope, string> Words = new()
    {
        [PartnerScope.BenefitsRead] = "benefits:read",
        [PartnerScope.BenefitsRedeem] = "benefits:redeem",
        [PartnerScope.PointsExchange] = "points:exchange",
    };

    private static readonly Dictionary<string, PartnerScope> ByWord = Words.ToDictionary(w => w.Value, w => w.Key, StringComparer.Ordinal);

    /// <summary>Every scope, in the enum's order: what a field needs when any partner scope will do.</summary>
    public static IReadOnlyList<PartnerScope> All { get; } = Enum.GetValues<PartnerScope>();

    public static string Word(PartnerScope scope) => Words[scope];

    public static bool TryParse(string word, out PartnerScope scope) => ByWord.TryGetValue(word, out scope);

    /// <summary>The scope string of a set: distinct words in the enum's order.</summary>
    public static string Format(IEnumerable<PartnerScope> scopes) =>
        string.Join(' ', scopes.Distinct().Order().Select(Word));

    /// <summary>The scopes of a stored scope string; words it does not know are skipped.</summary>
    public static IReadOnlyList<PartnerScope> Parse(string? text) =>
        (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => TryParse(word, out var scope) ? scope : (PartnerScope?)null)
            .OfType<PartnerScope>().Distinct().Order().ToList();
}
