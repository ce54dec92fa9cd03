using System.Text.Json;
using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>Defines journeys (DRAFT), activates and pauses them; every change is audited.</summary>
public sealed class JourneyService(
    IDbContextFactory<MemberGraphDb> factory, JourneyValidation validation, SegmentEntryDetection segmentEntries, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Journey>> DefineAsync(JourneyDefinition definition, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await validation.CheckAsync(db, definition, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var name = definition.Name.Trim();
        if (await db.Journeys.AnyAsync(j => j.Name == name, cancellationToken))
        {
            return Outcome<Journey>.Refused(UserErrorCode.JourneyNameTaken, $"A journey named '{name}' exists already.", "name");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var journey = new Journey
        {
            Name = name,
            Status = JourneyStatus.Draft,
            TriggerKind = definition.Trigger,
            TriggerPurchaseNumber = definition.Trigger == JourneyTriggerKind.NthPurchase ? definition.PurchaseNumber : null,
            TriggerSegmentId = definition.Trigger == JourneyTriggerKind.EnteredSegment ? definition.TriggerSegmentId : null,
            WaitMinutes = definition.WaitMinutes,
            ConditionSegmentId = definition.ConditionSegmentId,
            ConditionExpression = definition.ConditionExpression?.Trim(),
            Actions = definition.Actions.Select(a => new JourneyAction
            {
                Kind = a.Kind,
                CouponTemplateId = a.Kind == JourneyActionKind.IssueCoupon ? a.CouponTemplateId : null,
                SubscribeTemplateId = a.Kind == JourneyActionKind.SubscribeMessage ? a.SubscribeTemplateId : null,
                Page = a.Kind == JourneyActionKind.SubscribeMessage ? a.Page : null,
                DataJson = a.Kind == JourneyActionKind.SubscribeMessage ? JsonSerializer.Serialize(a.Data) : null,
                Script = a.Kind == JourneyActionKind.GuideTask ? a.Script!.Trim() : null,
                DueDays = a.Kind == JourneyActionKind.GuideTask ? a.DueDays : null,
            }).ToList(),
            CapMaxActions = definition.CapMaxTouches,
            CapPerDays = definition.CapPerDays,
            ConversionWindowDays = definition.ConversionWindowDays,
            Owner = caller.Subject,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Journeys.Add(journey);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Outcome<Journey>.Refused(UserErrorCode.JourneyNameTaken, $"A journey named '{name}' exists already.", "name");
        }

        audit.Record(db, caller, "defineJourney", $"Journey:{journey.Id}", $"'{name}' {journey.TriggerKind}, wait {journey.WaitMinutes} min, {journey.Actions.Count} action(s)");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Journey>.Ok(journey);
    }

    /// <summary>
    /// ACTIVE: enrols on its trigger from now on, and its waiting enrolments move again. An ENTERED_SEGMENT journey first
    /// takes a baseline of its segment (who is in now is not an entry; see <see cref="BaselineAsync"/>).
    /// </summary>
    public async Task<Outcome<Journey>> ActivateAsync(long journeyId, Caller caller, CancellationToken cancellationToken)
    {
        Journey? journey;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            journey = await db.Journeys.AsNoTracking().SingleOrDefaultAsync(j => j.Id == journeyId, cancellationToken);
        }

        if (journey is not { TriggerKind: JourneyTriggerKind.EnteredSegment, TriggerSegmentId: { } segmentId } || journey.Status == JourneyStatus.Active)
        {
            return await SetStatusAsync(journeyId, JourneyStatus.Active, "activateJourney", caller, cancellationToken);
        }

        return await segmentEntries.ExclusiveAsync(async () =>
        {
            await BaselineAsync(journey, segmentId, cancellationToken);
            return await SetStatusAsync(journeyId, JourneyStatus.Active, "activateJourney", caller, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Brings the segment's membership rows up to date before the journey is active, so that the members in it now — all
    /// of them, on a first activation: possibly hundreds of thousands — are not "entries" at the next tagging run. Entries
    /// found now belong to the segment's other active journeys, which are enrolled as a tagging run would.
    /// </summary>
    private async Task BaselineAsync(Journey journey, long segmentId, CancellationToken cancellationToken)
    {
        List<Journey> others;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            others = await db.Journeys.AsNoTracking()
                .Where(j => j.TriggerKind == JourneyTriggerKind.EnteredSegment && j.Status == JourneyStatus.Active && j.TriggerSegmentId == segmentId && j.Id != journey.Id)
                .ToListAsync(cancellationToken);
        }

        await segmentEntries.DetectAsync(segmentId, others, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>PAUSED: enrols nobody; its waiting enrolments stay waiting.</summary>
    public Task<Outcome<Journey>> PauseAsync(long journeyId, Caller caller, CancellationToken cancellationToken) =>
        SetStatusAsync(journeyId, JourneyStatus.Paused, "pauseJourney", caller, cancellationToken);

    private async Task<Outcome<Journey>> SetStatusAsync(long journeyId, JourneyStatus status, string operation, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var journey = await db.Journeys.SingleOrDefaultAsync(j => j.Id == journeyId, cancellationToken);
        if (journey is null)
        {
            return Outcome<Journey>.Refused(UserErrorCode.NotFound, "No such journey.", "id");
        }

        if (journey.Status != status)
        {
            journey.Status = status;
            journey.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record(db, caller, operation, $"Journey:{journey.Id}", $"'{journey.Name}' → {status}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome<Journey>.Ok(journey);
    }
}
