using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Guides.Tasks;
using MemberGraph.Privacy;
using MemberGraph.Segments;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>The rules a journey definition passes before it is saved; each refusal names its input field.</summary>
public sealed class JourneyValidation(SegmentService segments, SubscribeMessageTemplates templates)
{
    public const int MaxWaitMinutes = 90 * 24 * 60;
    public const int MaxActions = 5;

    /// <summary>The journey's stored script column is 500 characters (a task's own column holds more).</summary>
    public const int MaxGuideTaskScriptLength = 500;

    public async Task<UserError?> CheckAsync(MemberGraphDb db, JourneyDefinition definition, CancellationToken cancellationToken)
    {
        var name = definition.Name.Trim();
        if (name.Length is 0 or > 100)
        {
            return new UserError(UserErrorCode.InvalidInput, "A journey name has 1 to 100 characters.", "name");
        }

        if (await CheckTriggerAsync(db, definition, cancellationToken) is { } trigger)
        {
            return trigger;
        }

        if (definition.WaitMinutes is < 0 or > MaxWaitMinutes)
        {
            return new UserError(UserErrorCode.WaitOutOfRange, $"The wait is 0 to {MaxWaitMinutes} minutes (90 days).", "waitMinutes");
        }

        if (await CheckConditionAsync(db, definition, cancellationToken) is { } condition)
        {
            return condition;
        }

        if (definition.Actions.Count is 0 or > MaxActions)
        {
            return new UserError(UserErrorCode.InvalidInput, $"A journey has 1 to {MaxActions} actions.", "actions");
        }

        if (definition.Actions.Count(a => a.Kind == JourneyActionKind.SubscribeMessage) > 1 || definition.Actions.Count(a => a.Kind == JourneyActionKind.IssueCoupon) > 1
            || definition.Actions.Count(a => a.Kind == JourneyActionKind.GuideTask) > 1)
        {
            return new UserError(UserErrorCode.InvalidInput,
                "A journey issues at most one coupon, sends at most one message and creates at most one guide task per member and occurrence.", "actions");
        }

        foreach (var action in definition.Actions)
        {
            if (await CheckActionAsync(db, action, cancellationToken) is { } refusal)
            {
                return refusal;
            }
        }

        if ((definition.CapMaxTouches is null) != (definition.CapPerDays is null)
            || definition.CapMaxTouches is < 1 or > 100 || definition.CapPerDays is < 1 or > 365)
        {
            return new UserError(UserErrorCode.InvalidInput, "A frequency cap is 1 to 100 touches per 1 to 365 days.", "frequencyCap");
        }

        return definition.ConversionWindowDays is < 1 or > 90
            ? new UserError(UserErrorCode.InvalidInput, "The conversion window is 1 to 90 days.", "conversionWindowDays")
            : null;
    }

    private static async Task<UserError?> CheckTriggerAsync(MemberGraphDb db, JourneyDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.Trigger == JourneyTriggerKind.NthPurchase && definition.PurchaseNumber is not (>= 1 and <= 100))
        {
            return new UserError(UserErrorCode.InvalidInput, "An NTH_PURCHASE trigger names the purchase, 1 to 100.", "trigger.purchaseNumber");
        }

        if (definition.Trigger != JourneyTriggerKind.EnteredSegment)
        {
            return null;
        }

        var known = definition.TriggerSegmentId is { } id && await db.Segments.AnyAsync(s => s.Id == id, cancellationToken);
        return known ? null : new UserError(UserErrorCode.SegmentUnknown, "An ENTERED_SEGMENT trigger names a saved segment.", "trigger.segmentId");
    }

    private async Task<UserError?> CheckConditionAsync(MemberGraphDb db, JourneyDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.ConditionSegmentId is { } segmentId)
        {
            return definition.ConditionExpression is not null
                ? new UserError(UserErrorCode.InvalidInput, "A condition is a saved segment or an expression, not both.", "condition")
                : await db.Segments.AnyAsync(s => s.Id == segmentId, cancellationToken)
                    ? null
                    : new UserError(UserErrorCode.SegmentUnknown, "No such segment.", "condition.segmentId");
        }

        if (definition.ConditionExpression is { } expression)
        {
            var (_, error) = await segments.CompileAsync(expression, cancellationToken);
            return error is null ? null : new UserError(UserErrorCode.SegmentExpressionInvalid, $"{error.Message} (at position {error.Position})", "condition.expression");
        }

        return null;
    }

    private async Task<UserError?> CheckActionAsync(MemberGraphDb db, JourneyActionDefinition action, CancellationToken cancellationToken)
    {
        switch (action.Kind)
        {
            case JourneyActionKind.IssueCoupon:
                var templateId = action.CouponTemplateId;
                var usable = templateId is not null && await db.CouponTemplates.AnyAsync(
                    t => t.Id == templateId && t.Status == CouponTemplateStatus.Active, cancellationToken);
                return usable ? null : new UserError(UserErrorCode.CouponTemplateUnknown, "ISSUE_COUPON names an active coupon template.", "actions.couponTemplateId");
            case JourneyActionKind.SubscribeMessage:
                if (action.SubscribeTemplateId is not { } template || templates.PurposeOf(template) is null)
                {
                    return new UserError(UserErrorCode.SubscribeTemplateUnknown,
                        "SUBSCRIBE_MESSAGE names a subscribe-message template this mini-program has configured (members accept those only).", "actions.templateId");
                }

                if (action.Page is not { Length: > 0 and <= 200 } || action.Data is not { Count: > 0 and <= 10 })
                {
                    return new UserError(UserErrorCode.InvalidInput, "SUBSCRIBE_MESSAGE needs the page to open and 1 to 10 keywords.", "actions.data");
                }

                return action.Data.Any(d => d.Key.Length is 0 or > 32 || d.Value.Length is 0 or > 20)
                    ? new UserError(UserErrorCode.InvalidInput, "Keywords are named (up to 32 characters) with values of 1 to 20 characters.", "actions.data")
                    : null;
            case JourneyActionKind.GuideTask:
                if (action.Script?.Trim() is not { Length: > 0 and <= MaxGuideTaskScriptLength })
                {
                    return new UserError(UserErrorCode.InvalidInput, $"GUIDE_TASK needs a script of 1 to {MaxGuideTaskScriptLength} characters.", "actions.script");
                }

                return action.DueDays is >= 1 and <= GuideTaskRules.MaxDueDays
                    ? null
                    : new UserError(UserErrorCode.InvalidInput, $"GUIDE_TASK gives the guide 1 to {GuideTaskRules.MaxDueDays} days.", "actions.dueDays");
            default:
                return new UserError(UserErrorCode.ActionNotAvailable, $"{action.Kind} is not an action journeys know.", "actions.kind");
        }
    }
}
