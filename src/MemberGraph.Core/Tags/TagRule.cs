using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemberGraph.Tags;

/// <summary>The built-in kinds of tag rules; each definition parameterises one.</summary>
public enum TagRuleKind
{
    /// <summary>Recency, frequency and monetary bands over a window.</summary>
    Rfm = 1,

    /// <summary>Share of spend in a category over a window ≥ a percentage.</summary>
    CategoryPreference = 2,

    /// <summary>Exactly N purchases so far (the "first four purchases" journey).</summary>
    PurchaseStage = 3,

    /// <summary>Most-visited store (value = its code), optionally only one store.</summary>
    StorePreference = 4,

    /// <summary>Lives within a store's delivery radius (from the member's home location).</summary>
    WithinDeliveryRadius = 5,

    /// <summary>New, active, dormant or churn-risk by days since registration / last order.</summary>
    Lifecycle = 6,

    /// <summary>Birthday in the current month (China time).</summary>
    BirthdayMonth = 7,

    /// <summary>At a given tier level.</summary>
    Tier = 8,
}

public enum LifecycleStage
{
    New = 1,
    Active = 2,
    Dormant = 3,
    ChurnRisk = 4,
}

/// <summary>
/// A tag rule as data. Only the parameters of its <see cref="Kind"/> are used; <see cref="Validate"/> says which
/// are required. Stored as JSON in <see cref="TagDefinition.RuleJson"/>.
/// </summary>
public sealed record TagRule
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public TagRuleKind Kind { get; init; }
    public int? WindowDays { get; init; }
    public int? MinOrders { get; init; }
    public int? MaxOrders { get; init; }
    public long? MinSpendCents { get; init; }
    public long? MaxSpendCents { get; init; }
    public int? MinRecencyDays { get; init; }
    public int? MaxRecencyDays { get; init; }
    public string? Category { get; init; }
    public int? MinSharePercent { get; init; }
    public int? PurchaseNumber { get; init; }
    public string? StoreCode { get; init; }
    public LifecycleStage? Stage { get; init; }

    /// <summary>Lifecycle thresholds: new within NewDays of registering; dormant after DormantDays without an order; churn risk after ChurnDays.</summary>
    public int? NewDays { get; init; }
    public int? DormantDays { get; init; }
    public int? ChurnDays { get; init; }
    public string? Level { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The rule as the tagging runs evaluate it: parameters left out read back as the defaults the evaluators use
    /// (a category preference's 180-day window, a lifecycle's 30/60/120 days), so an operator sees what is in force.
    /// </summary>
    public TagRule WithEffectiveDefaults() => Kind switch
    {
        TagRuleKind.Rfm => this with { WindowDays = WindowDays ?? Rules.RfmRule.DefaultWindowDays },
        TagRuleKind.CategoryPreference => this with { WindowDays = WindowDays ?? Rules.CategoryPreferenceRule.DefaultWindowDays },
        TagRuleKind.StorePreference => this with { WindowDays = WindowDays ?? Rules.StorePreferenceRule.DefaultWindowDays },
        TagRuleKind.Lifecycle => this with
        {
            NewDays = NewDays ?? Rules.LifecycleRule.DefaultNewDays,
            DormantDays = DormantDays ?? Rules.LifecycleRule.DefaultDormantDays,
            ChurnDays = ChurnDays ?? Rules.LifecycleRule.DefaultChurnDays,
        },
        _ => this,
    };

    public static TagRule FromJson(string json) => JsonSerializer.Deserialize<TagRule>(json, Json) ?? throw new JsonException("Empty tag rule.");

    /// <summary>The first problem with this rule's parameters, or null when it can be evaluated.</summary>
    public string? Validate() => Kind switch
    {
        TagRuleKind.Rfm when MinOrders is null && MaxOrders is null && MinSpendCents is null && MaxSpendCents is null && MinRecencyDays is null && MaxRecencyDays is null
            => "An RFM rule needs at least one band (orders, spend or recency).",
        TagRuleKind.Rfm or TagRuleKind.CategoryPreference or TagRuleKind.StorePreference when WindowDays is not (null or (>= 1 and <= 3650))
            => "windowDays must be between 1 and 3650.",
        TagRuleKind.CategoryPreference when string.IsNullOrWhiteSpace(Category) || MinSharePercent is not (>= 1 and <= 100)
            => "A category preference needs a category and minSharePercent between 1 and 100.",
        TagRuleKind.PurchaseStage when PurchaseNumber is not (>= 1 and <= 100)
            => "A purchase stage needs purchaseNumber ≥ 1.",
        TagRuleKind.WithinDeliveryRadius when string.IsNullOrWhiteSpace(StoreCode)
            => "A delivery-radius rule needs storeCode.",
        TagRuleKind.Lifecycle when Stage is null
            => "A lifecycle rule needs a stage.",
        TagRuleKind.Tier when string.IsNullOrWhiteSpace(Level)
            => "A tier rule needs a level.",
        _ => null,
    };
}
