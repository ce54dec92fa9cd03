using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// What a guide does with a task: complete it with an outcome, or send the campaign's coupon (which completes it with
/// COUPON_SENT). Only the task's guide. Each change is one conditional UPDATE (<c>WHERE Status = OPEN AND DueAt &gt; now</c>)
/// as the first write of its transaction, so parallel and repeated requests complete a task once: the others find it
/// done and replay the first answer when they asked for the same thing, or are refused when they asked for another.
/// </summary>
public sealed class GuideTaskService(
    IDbContextFactory<MemberGraphDb> factory, CouponService coupons, DomainEventDispatcher events, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<GuideTask>> CompleteAsync(Caller caller, long taskId, GuideTaskOutcome outcome, string? note, CancellationToken cancellationToken)
    {
        if (outcome == GuideTaskOutcome.CouponSent)
        {
            return GuideTaskErrors.CouponOutcomeNeedsSend();
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > GuideTaskRules.MaxNoteLength })
        {
            return GuideTaskErrors.Invalid($"A note has at most {GuideTaskRules.MaxNoteLength} characters.", "note");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await OwnTaskAsync(db, caller, taskId, cancellationToken) is not { } task)
        {
            return GuideTaskErrors.TaskNotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var work = await events.BeginAsync(db, cancellationToken);
        var completed = await Open(db, taskId, now).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, GuideTaskStatus.Done)
            .SetProperty(t => t.Outcome, outcome)
            .SetProperty(t => t.Note, note)
            .SetProperty(t => t.DoneAt, now), cancellationToken);
        if (completed == 0)
        {
            return await AnswerForClosedAsync(db, taskId, outcome, cancellationToken);
        }

        audit.Record(db, caller, "completeGuideTask", $"GuideTask:{taskId}", $"member {task.MemberId}: {outcome}");
        await work.CommitAsync(cancellationToken);
        return Outcome<GuideTask>.Ok(await ReadAsync(db, taskId, cancellationToken));
    }

    /// <summary>
    /// Sends the task's coupon through <see cref="CouponService"/> (stock and per-member limit hold) and completes the task
    /// with COUPON_SENT, in one transaction: both happen or neither. Ten parallel retries issue one coupon.
    /// </summary>
    public async Task<Outcome<GuideTask>> SendCouponAsync(Caller caller, long taskId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await OwnTaskAsync(db, caller, taskId, cancellationToken) is not { } task)
        {
            return GuideTaskErrors.TaskNotFound();
        }

        var templateId = task.CouponTemplateId
                         ?? await db.GuideTaskCampaigns.Where(c => c.Id == task.CampaignId).Select(c => c.CouponTemplateId).FirstOrDefaultAsync(cancellationToken);
        if (templateId is null)
        {
            return GuideTaskErrors.NoCoupon();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var work = await events.BeginAsync(db, cancellationToken);
        var completed = await Open(db, taskId, now).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, GuideTaskStatus.Done)
            .SetProperty(t => t.Outcome, GuideTaskOutcome.CouponSent)
            .SetProperty(t => t.DoneAt, now), cancellationToken);
        if (completed == 0)
        {
            return await AnswerForClosedAsync(db, taskId, GuideTaskOutcome.CouponSent, cancellationToken);
        }

        var issued = await coupons.IssueForGuideTaskAsync(work, caller, templateId.Value, task.MemberId, task.GuideId!.Value, cancellationToken);
        if (!issued.Succeeded)
        {
            return issued.Error!; // the unit of work rolls back: the task stays open
        }

        await db.GuideTasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.CouponId, issued.Value!.Id), cancellationToken);
        audit.Record(db, caller, "completeGuideTask", $"GuideTask:{taskId}", $"member {task.MemberId}: {GuideTaskOutcome.CouponSent}, coupon {issued.Value!.Id}");
        await work.CommitAsync(cancellationToken);
        return Outcome<GuideTask>.Ok(await ReadAsync(db, taskId, cancellationToken));
    }

    /// <summary>The task, when it is the calling guide's; AUTH_NOT_AUTHORIZED for another guide's; null for none.</summary>
    private static async Task<GuideTask?> OwnTaskAsync(MemberGraphDb db, Caller caller, long taskId, CancellationToken cancellationToken)
    {
        var task = await db.GuideTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || task.GuideId is null)
        {
            return null;
        }

        return caller is { Role: Roles.Guide, GuideId: { } guideId } && guideId == task.GuideId
            ? task
            : throw RequestRefusedException.NotAuthorized("act on another guide's task");
    }

    private static IQueryable<GuideTask> Open(MemberGraphDb db, long taskId, DateTime now) =>
        db.GuideTasks.Where(t => t.Id == taskId && t.Status == GuideTaskStatus.Open && t.DueAt > now);

    /// <summary>The task was not open: the same outcome again replays it; another outcome, or an expired task, is refused.</summary>
    private static async Task<Outcome<GuideTask>> AnswerForClosedAsync(MemberGraphDb db, long taskId, GuideTaskOutcome asked, CancellationToken cancellationToken)
    {
        var task = await ReadAsync(db, taskId, cancellationToken);
        return task switch
        {
            { Status: GuideTaskStatus.Done, Outcome: { } done } when done == asked => Outcome<GuideTask>.Ok(task),
            { Status: GuideTaskStatus.Done, Outcome: { } done } => GuideTaskErrors.AlreadyCompleted(done),
            _ => GuideTaskErrors.Expired(),
        };
    }

    private static Task<GuideTask> ReadAsync(MemberGraphDb db, long taskId, CancellationToken cancellationToken) =>
        db.GuideTasks.AsNoTracking().SingleAsync(t => t.Id == taskId, cancellationToken);
}
