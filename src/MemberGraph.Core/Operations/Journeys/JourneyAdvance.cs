using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Segments;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// One evaluation pass (the <c>journey-advance</c> job): the WAITING enrolments of active journeys whose wait is over,
/// in batches by due time. Per batch and journey one query finds who still matches the condition (the rest are
/// SKIPPED CONDITION_NOT_MET in one UPDATE); each remaining enrolment is then acted on by <see cref="JourneyAct"/> in its
/// own transaction. Restartable: whatever a crash interrupts is rolled back and still WAITING for the next pass.
/// </summary>
public sealed class JourneyAdvance(
    IDbContextFactory<MemberGraphDb> factory, JourneyConditions conditions, JourneyAct act, ILogger<JourneyAdvance> logger)
{
    public const int BatchSize = 500;

    public async Task<JourneyPassFigures> AdvanceAsync(DateTime now, Func<JourneyPassFigures, Task>? progress, CancellationToken cancellationToken)
    {
        var figures = new JourneyPassFigures();
        var compiled = new Dictionary<long, SegmentAudience?>();
        var tried = new HashSet<long>();
        while (true)
        {
            var (due, journeys) = await DueAsync(now, cancellationToken);
            due.RemoveAll(e => !tried.Add(e.Id)); // left WAITING by an error in this pass: tried again in the next one
            if (due.Count == 0)
            {
                return figures;
            }

            foreach (var batch in due.GroupBy(e => e.JourneyId))
            {
                var journey = journeys[batch.Key];
                var eligible = await conditions.EligibleAsync(journey, batch.Select(e => e.MemberId).Distinct().ToList(), compiled, cancellationToken);
                var unmatched = batch.Where(e => !eligible.Contains(e.MemberId)).Select(e => e.Id).ToList();
                figures.Skipped += await SkipAsync(unmatched, JourneySkipReasons.ConditionNotMet, cancellationToken);
                foreach (var enrolment in batch.Where(e => eligible.Contains(e.MemberId)))
                {
                    var (result, sent) = await ActSafelyAsync(enrolment, journey, now, cancellationToken);
                    figures.Count(result);
                    figures.Messages += sent;
                }
            }

            if (progress is not null)
            {
                await progress(figures);
            }
        }
    }

    private async Task<(List<JourneyEnrolment> Due, Dictionary<long, Journey> Journeys)> DueAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var active = db.Journeys.Where(j => j.Status == JourneyStatus.Active).Select(j => j.Id);
        var due = await db.JourneyEnrolments.AsNoTracking()
            .Where(e => e.Status == JourneyEnrolmentStatus.Waiting && e.DueAt <= now && active.Contains(e.JourneyId))
            .OrderBy(e => e.DueAt).ThenBy(e => e.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var ids = due.Select(e => e.JourneyId).Distinct().ToList();
        var journeys = await db.Journeys.AsNoTracking().Where(j => ids.Contains(j.Id)).ToDictionaryAsync(j => j.Id, cancellationToken);
        return (due, journeys);
    }

    private async Task<int> SkipAsync(List<long> enrolmentIds, string reason, CancellationToken cancellationToken)
    {
        if (enrolmentIds.Count == 0)
        {
            return 0;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.JourneyEnrolments
            .Where(e => enrolmentIds.Contains(e.Id) && e.Status == JourneyEnrolmentStatus.Waiting)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, JourneyEnrolmentStatus.Skipped).SetProperty(e => e.SkipReason, reason), cancellationToken);
    }

    /// <summary>
    /// Acts; an error rolls the enrolment's transaction back (nothing issued, nothing sent) and counts a failed attempt,
    /// the third of which marks it FAILED rather than trying it every minute for ever.
    /// </summary>
    private async Task<(JourneyActResult Result, int MessagesSent)> ActSafelyAsync(JourneyEnrolment enrolment, Journey journey, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            return await act.ActAsync(enrolment, journey, now, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Journey {JourneyId} enrolment {EnrolmentId}: acting failed; rolled back", journey.Id, enrolment.Id);
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            await db.JourneyEnrolments.Where(e => e.Id == enrolment.Id && e.Status == JourneyEnrolmentStatus.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.FailedAttempts, e => e.FailedAttempts + 1), CancellationToken.None);
            var failed = await db.JourneyEnrolments.Where(e => e.Id == enrolment.Id && e.Status == JourneyEnrolmentStatus.Waiting && e.FailedAttempts >= 3)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, JourneyEnrolmentStatus.Failed).SetProperty(e => e.SkipReason, JourneySkipReasons.Error),
                    CancellationToken.None);
            return (failed > 0 ? JourneyActResult.Failed : JourneyActResult.Retry, 0);
        }
    }
}

/// <summary>What one pass did, reported on its JobRun.</summary>
public sealed class JourneyPassFigures
{
    public int Acted { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }
    public int Retry { get; set; }
    public int Messages { get; set; }

    public int Processed => Acted + Skipped + Failed;

    public void Count(JourneyActResult result)
    {
        switch (result)
        {
            case JourneyActResult.Acted: Acted++; break;
            case JourneyActResult.Skipped: Skipped++; break;
            case JourneyActResult.Failed: Failed++; break;
            case JourneyActResult.Retry: Retry++; break;
        }
    }

    public string Summary() => $"{{\"acted\":{Acted},\"skipped\":{Skipped},\"failed\":{Failed},\"retry\":{Retry},\"messages\":{Messages}}}";
}

public enum JourneyActResult
{
    Acted,
    Skipped,
    Failed,
    Retry,

    /// <summary>Another pass (another gateway instance) took the enrolment first.</summary>
    TakenElsewhere,
}

/// <summary>Why an enrolment was SKIPPED (or FAILED), as <see cref="JourneyEnrolment.SkipReason"/> says it.</summary>
public static class JourneySkipReasons
{
    public const string ConditionNotMet = "CONDITION_NOT_MET";
    public const string FrequencyCap = "FREQUENCY_CAP";
    public const string NoConsent = "NO_CONSENT";
    public const string NoOpenId = "NO_OPENID";

    /// <summary>GUIDE_TASK: no exclusive guide and no active guide at the service store (the task row stays UNASSIGNED).</summary>
    public const string NoGuide = "NO_GUIDE";

    /// <summary>GUIDE_TASK: the member withdrew guide-outreach consent (the task row is SKIPPED).</summary>
    public const string NoOutreachConsent = "NO_OUTREACH_CONSENT";

    /// <summary>GUIDE_TASK: the member was merged away or erased since enrolling.</summary>
    public const string MemberGone = "MEMBER_GONE";

    /// <summary>The member was merged into one enrolled for the same occurrence; the survivor's enrolment acts (an unmerge makes this one WAITING again).</summary>
    public const string Merged = "MERGED";
    public const string Error = "ERROR";
}
