using GraphQL.Types;
using MemberGraph.Domain;

namespace MemberGraph.Operations.Journeys;

public sealed class DefineJourneyInput
{
    public string Name { get; set; } = "";
    public JourneyTriggerInput Trigger { get; set; } = new();
    public int? WaitMinutes { get; set; }
    public JourneyConditionInput? Condition { get; set; }
    public List<JourneyActionInput> Actions { get; set; } = [];
    public FrequencyCapInput? FrequencyCap { get; set; }
    public int? ConversionWindowDays { get; set; }

    /// <summary>The domain's definition; an id that does not decode becomes 0, which names nothing (SEGMENT_UNKNOWN, COUPON_TEMPLATE_UNKNOWN).</summary>
    public JourneyDefinition ToDefinition() => new(
        Name,
        Trigger.Kind,
        Trigger.PurchaseNumber,
        Key(Trigger.SegmentId, "Segment"),
        WaitMinutes ?? 0,
        Key(Condition?.SegmentId, "Segment"),
        Condition?.Expression,
        Actions.Select(a => new JourneyActionDefinition(
            a.Kind, Key(a.CouponTemplateId, "CouponTemplate"), a.TemplateId, a.Page,
            a.Data?.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal), a.Script, a.DueDays)).ToList(),
        FrequencyCap?.MaxTouches,
        FrequencyCap?.PerDays,
        ConversionWindowDays ?? 7);

    /// <summary>A global id of <paramref name="type"/> or a plain key.</summary>
    public static long? Key(string? id, string type) =>
        id is null ? null : GlobalId.TryDecode(id, type) ?? (long.TryParse(id, out var key) ? key : 0);
}

public sealed class JourneyTriggerInput
{
    public JourneyTriggerKind Kind { get; set; }
    public int? PurchaseNumber { get; set; }
    public string? SegmentId { get; set; }
}

public sealed class JourneyConditionInput
{
    public string? SegmentId { get; set; }
    public string? Expression { get; set; }
}

public sealed class JourneyActionInput
{
    public JourneyActionKind Kind { get; set; }
    public string? CouponTemplateId { get; set; }
    public string? TemplateId { get; set; }
    public string? Page { get; set; }
    public List<KeywordInput>? Data { get; set; }
    public string? Script { get; set; }
    public int? DueDays { get; set; }
}

public sealed class KeywordInput
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

public sealed class FrequencyCapInput
{
    public int MaxTouches { get; set; }
    public int PerDays { get; set; }
}

public sealed class JourneyIdInput
{
    public string Id { get; set; } = "";
}

public sealed class DefineJourneyInputType : InputObjectGraphType<DefineJourneyInput>
{
    public DefineJourneyInputType()
    {
        Name = "DefineJourneyInput";
        Description = "A journey: trigger → wait → condition → actions. It is saved as a DRAFT; activateJourney starts it.";
        Field(i => i.Name).Description("Unique name, 1 to 100 characters.");
        Field(i => i.Trigger, type: typeof(NonNullGraphType<JourneyTriggerInputType>)).Description("What enrols a member.");
        Field(i => i.WaitMinutes, nullable: true).Description("Minutes between the trigger and the actions, 0 to 129600 (90 days); default 0. Out of range: WAIT_OUT_OF_RANGE.");
        Field(i => i.Condition, type: typeof(JourneyConditionInputType)).Description("Who, when the wait is over, is still acted on; none: every active member.");
        Field(i => i.Actions, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<JourneyActionInputType>>>)).Description("1 to 5 actions, in order.");
        Field(i => i.FrequencyCap, type: typeof(FrequencyCapInputType)).Description("At most so many journey touches per member in so many days, across journeys.");
        Field(i => i.ConversionWindowDays, nullable: true).Description("An order within this many days after the actions is a conversion (1-90, default 7).");
    }
}

public sealed class JourneyTriggerInputType : InputObjectGraphType<JourneyTriggerInput>
{
    public JourneyTriggerInputType()
    {
        Name = "JourneyTriggerInput";
        Description = "The trigger: its kind, and the purchase number (NTH_PURCHASE) or the segment (ENTERED_SEGMENT).";
        Field(i => i.Kind, type: typeof(NonNullGraphType<JourneyTriggerKindType>)).Description("What happened to the member.");
        Field(i => i.PurchaseNumber, nullable: true).Description("NTH_PURCHASE: which order (2 = the second), 1 to 100.");
        Field(i => i.SegmentId, type: typeof(IdGraphType)).Description("ENTERED_SEGMENT: the saved segment; entries are found after each tagging run (missing or unknown: SEGMENT_UNKNOWN).");
    }
}

public sealed class JourneyConditionInputType : InputObjectGraphType<JourneyConditionInput>
{
    public JourneyConditionInputType()
    {
        Name = "JourneyConditionInput";
        Description = "Exactly one of: a saved segment, or a segment expression (the grammar of segmentPreview).";
        Field(i => i.SegmentId, type: typeof(IdGraphType)).Description("A saved segment (unknown: SEGMENT_UNKNOWN).");
        Field(i => i.Expression, nullable: true).Description("A segment expression (unreadable: SEGMENT_EXPRESSION_INVALID).");
    }
}

public sealed class JourneyActionInputType : InputObjectGraphType<JourneyActionInput>
{
    public JourneyActionInputType()
    {
        Name = "JourneyActionInput";
        Description = "One action and what it needs.";
        Field(i => i.Kind, type: typeof(NonNullGraphType<JourneyActionKindType>)).Description("What to do.");
        Field(i => i.CouponTemplateId, type: typeof(IdGraphType)).Description("ISSUE_COUPON: an active coupon template (else COUPON_TEMPLATE_UNKNOWN).");
        Field(i => i.TemplateId, nullable: true).Description("SUBSCRIBE_MESSAGE: a configured subscribe-message template (else SUBSCRIBE_TEMPLATE_UNKNOWN).");
        Field(i => i.Page, nullable: true).Description("SUBSCRIBE_MESSAGE: the mini-program page the message opens.");
        Field(i => i.Data, type: typeof(ListGraphType<NonNullGraphType<KeywordInputType>>)).Description("SUBSCRIBE_MESSAGE: the template's keywords (1 to 10).");
        Field(i => i.Script, nullable: true).Description("GUIDE_TASK: what the guide says or does.");
        Field(i => i.DueDays, nullable: true).Description("GUIDE_TASK: days the guide has.");
    }
}

public sealed class KeywordInputType : InputObjectGraphType<KeywordInput>
{
    public KeywordInputType()
    {
        Name = "SubscribeMessageKeywordInput";
        Description = "One keyword of a subscribe-message template, e.g. thing1 = 新人试吃.";
        Field(i => i.Key).Description("The template's keyword name (thing1, time2, ...).");
        Field(i => i.Value).Description("Its value, 1 to 20 characters.");
    }
}

public sealed class FrequencyCapInputType : InputObjectGraphType<FrequencyCapInput>
{
    public FrequencyCapInputType()
    {
        Name = "FrequencyCapInput";
        Description = "At most maxTouches journeys act on one member in perDays days (counting every journey); the rest are SKIPPED FREQUENCY_CAP.";
        Field(i => i.MaxTouches).Description("1 to 100.");
        Field(i => i.PerDays).Description("1 to 365.");
    }
}

public sealed class JourneyIdInputType : InputObjectGraphType<JourneyIdInput>
{
    public JourneyIdInputType()
    {
        Name = "JourneyIdInput";
        Description = "The journey.";
        Field(i => i.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Its id.");
    }
}
