namespace MemberGraph.Operations.Journeys;

/// <summary>What an admin defines; ids are decoded by the API (null when an id was given but unreadable, with <c>...Given</c> set).</summary>
public sealed record JourneyDefinition(
    string Name,
    JourneyTriggerKind Trigger,
    int? PurchaseNumber,
    long? TriggerSegmentId,
    int WaitMinutes,
    long? ConditionSegmentId,
    string? ConditionExpression,
    IReadOnlyList<JourneyActionDefinition> Actions,
    int? CapMaxTouches,
    int? CapPerDays,
    int ConversionWindowDays);

public sealed record JourneyActionDefinition(
    JourneyActionKind Kind,
    long? CouponTemplateId,
    string? SubscribeTemplateId,
    string? Page,
    IReadOnlyDictionary<string, string>? Data,
    string? Script,
    int? DueDays);
