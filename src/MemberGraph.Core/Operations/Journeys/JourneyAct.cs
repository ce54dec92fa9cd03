using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Guides.Tasks;
using MemberGraph.Members;
using MemberGraph.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// Acts on one due enrolment in one transaction that first locks the member's row, then takes the enrolment
/// (<c>WAITING → ACTED WHERE WAITING</c>): a parallel pass finds it taken and does nothing, and the coupon, the message's
/// outbox row and the enrolment's state commit together or not at all. The member lock makes the frequency cap hold on a
/// server with concurrent writers (PostgreSQL, SQL Server): two passes acting on two enrolments of one member queue on the
/// member's row, and the second counts the first's committed touch (its count is a new statement, so under READ COMMITTED it
/// reads after the lock was granted). On SQLite the one writer serialises them anyway. A coupon refusal (out of stock, limit reached, withdrawn) rolls the attempt back and acts
/// again without the coupon, recording the refusal as that action's outcome; with nothing done the enrolment is SKIPPED
/// with the first reason. A GUIDE_TASK action creates the member's guide task in the same transaction, idempotent by the
/// enrolment (<see cref="GuideTaskAssigner"/>); a member no guide can take (NO_GUIDE) or who withdrew outreach consent is
/// that action's outcome, never an error. Messages are sent after the commit (<see cref="JourneyMessages"/>).
/// </summary>
public sealed class JourneyAct(
    IDbContextFactory<MemberGraphDb> factory, DomainEventDispatcher events, CouponService coupons, GuideTaskAssigner guideTasks, JourneyMessages messages,
    TimeProvider clock)
{
    public async Task<(JourneyActResult Result, int MessagesSent)> ActAsync(JourneyEnrolment enrolment, Journey journey, DateTime now,
        CancellationToken cancellationToken)
    {
        var (result, pending, couponRefusal) = await AttemptAsync(enrolment, journey, now, null, cancellationToken);
        if (couponRefusal is not null)
        {
            (result, pending, _) = await AttemptAsync(enrolment, journey, now, couponRefusal, cancellationToken);
        }

        var sent = 0;
        foreach (var message in pending)
        {
            sent += await messages.SendAsync(message, cancellationToken) ? 1 : 0;
        }

        return (result, sent);
    }

    private async Task<(JourneyActResult Result, List<PendingJourneyMessage> Pending, string? CouponRefusal)> AttemptAsync(
        JourneyEnrolment enrolment, Journey journey, DateTime now, string? couponRefusal, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var work = await events.BeginAsync(db, cancellationToken);
        await LockMemberAsync(db, enrolment.MemberId, cancellationToken);
        var taken = await db.JourneyEnrolments
            .Where(e => e.Id == enrolment.Id && e.Status == JourneyEnrolmentStatus.Waiting)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, JourneyEnrolmentStatus.Acted).SetProperty(e => e.ActedAt, now), cancellationToken);
        if (taken == 0)
        {
            return (JourneyActResult.TakenElsewhere, [], null);
        }

        if (journey is { CapMaxActions: { } cap, CapPerDays: { } days })
        {
            var since = now.AddDays(-days);
            var touches = await db.JourneyEnrolments.CountAsync(
                e => e.MemberId == enrolment.MemberId && e.Status == JourneyEnrolmentStatus.Acted && e.ActedAt > since && e.Id != enrolment.Id,
                cancellationToken);
            if (touches >= cap)
            {
                await FinishAsync(db, enrolment.Id, null, null, JourneySkipReasons.FrequencyCap, $"capped: {touches} touches in {days} days", null, cancellationToken);
                await work.CommitAsync(cancellationToken);
                return (JourneyActResult.Skipped, [], null);
            }
        }

        var outcomes = new List<string>();
        var pending = new List<PendingJourneyMessage>();
        string? firstRefusal = null;
        long? couponId = null;
        long? taskId = null;
        var caller = new Caller($"journey:{journey.Id}", "job", null, null, null, null, new HashSet<string>());
        foreach (var action in journey.Actions)
        {
            string? refusal = null;
            switch (action.Kind)
            {
                case JourneyActionKind.IssueCoupon when couponRefusal is not null:
                    refusal = couponRefusal;
                    break;
                case JourneyActionKind.IssueCoupon:
                    var issued = await coupons.IssueForCampaignAsync(work, caller, action.CouponTemplateId!.Value, enrolment.MemberId, $"journey:{enrolment.Id}",
                        cancellationToken);
                    if (!issued.Succeeded)
                    {
                        return (JourneyActResult.Retry, [], ConstantCase.Of(issued.Error!.Code)); // disposed: rolled back, stock and all
                    }

                    couponId = issued.Value!.Id;
                    outcomes.Add($"ISSUE_COUPON: coupon {couponId}");
                    break;
                case JourneyActionKind.SubscribeMessage:
                    (var message, refusal) = await PrepareMessageAsync(db, enrolment, action, cancellationToken);
                    if (message is not null)
                    {
                        pending.Add(message);
                        outcomes.Add($"SUBSCRIBE_MESSAGE: message {message.MessageId}");
                    }

                    break;
                case JourneyActionKind.GuideTask:
                    (taskId, refusal) = await AssignGuideTaskAsync(work, enrolment, action, cancellationToken);
                    if (taskId is not null)
                    {
                        outcomes.Add($"GUIDE_TASK: task {taskId}");
                    }

                    break;
                default:
                    refusal = "NOT_AVAILABLE";
                    break;
            }

            if (refusal is not null)
            {
                outcomes.Add($"{ConstantCase.Of(action.Kind)}: {refusal}");
                firstRefusal ??= refusal;
            }
        }

        var acted = couponId is not null || pending.Count > 0 || taskId is not null;
        await FinishAsync(db, enrolment.Id, acted ? now : null, acted ? now.AddDays(journey.ConversionWindowDays) : null, acted ? null : firstRefusal,
            string.Join("; ", outcomes), couponId, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return (acted ? JourneyActResult.Acted : JourneyActResult.Skipped, pending, null);
    }

    /// <summary>
    /// The guide's task for this enrolment (source key <c>journey:&lt;enrolment id&gt;</c>, so a retried act finds the same one),
    /// or why no guide has one: the row the assigner keeps for an UNASSIGNED or SKIPPED member is no task for a guide.
    /// </summary>
    private async Task<(long? TaskId, string? Refusal)> AssignGuideTaskAsync(UnitOfWork work, JourneyEnrolment enrolment, JourneyAction action,
        CancellationToken cancellationToken)
    {
        var task = await guideTasks.AssignAsync(work, enrolment.MemberId, GuideTaskKind.Custom, action.Script!, null, action.DueDays!.Value,
            $"journey:{enrolment.Id}", cancellationToken);
        return task?.Status switch
        {
            null => (null, JourneySkipReasons.MemberGone),
            GuideTaskStatus.Unassigned => (null, JourneySkipReasons.NoGuide),
            GuideTaskStatus.Skipped => (null, JourneySkipReasons.NoOutreachConsent),
            _ => (task.Id, null),
        };
    }

    /// <summary>
    /// The message's outbox row (PENDING, the acceptance taken), or why there is none: the member has no mini-program
    /// openid, or no acceptance of the template left (NO_CONSENT: nothing is sent to a member who did not opt in).
    /// </summary>
    private async Task<(PendingJourneyMessage? Message, string? Refusal)> PrepareMessageAsync(MemberGraphDb db, JourneyEnrolment enrolment, JourneyAction action,
        CancellationToken cancellationToken)
    {
        var templateId = action.SubscribeTemplateId!;
        var openId = await db.Identities.AsNoTracking()
            .Where(i => i.MemberId == enrolment.MemberId && i.Channel == IdentityChannel.WechatOpenid)
            .OrderByDescending(i => i.LinkedAt).ThenByDescending(i => i.Id)
            .Select(i => i.ExternalId)
            .FirstOrDefaultAsync(cancellationToken);
        if (openId is null)
        {
            return (null, JourneySkipReasons.NoOpenId);
        }

        if (!await SubscribeMessageAcceptances.TakeAsync(db, enrolment.MemberId, templateId, cancellationToken))
        {
            return (null, JourneySkipReasons.NoConsent);
        }

        var row = new SubscribeMessage
        {
            MemberId = enrolment.MemberId, Purpose = SubscribeMessagePurpose.Journey, SubjectId = enrolment.Id, TemplateId = templateId,
            Status = SubscribeMessageStatus.Pending, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.SubscribeMessages.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(action.DataJson ?? "{}") ?? [];
        return (new PendingJourneyMessage(row.Id, enrolment.MemberId, openId, templateId, action.Page ?? "", data), null);
    }

    /// <summary>
    /// A no-op UPDATE of the member's row: the portable row lock (PostgreSQL and SQL Server hold it to the commit) that queues
    /// every journey act of one member behind the one in progress. Taken before the enrolment, in the order a merge takes them.
    /// </summary>
    private static Task LockMemberAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        db.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.TouchedAt, m => m.TouchedAt), cancellationToken);

    private static Task FinishAsync(MemberGraphDb db, long enrolmentId, DateTime? actedAt, DateTime? convertBy, string? skipReason, string outcome, long? couponId,
        CancellationToken cancellationToken) =>
        db.JourneyEnrolments.Where(e => e.Id == enrolmentId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, skipReason is null ? JourneyEnrolmentStatus.Acted : JourneyEnrolmentStatus.Skipped)
            .SetProperty(e => e.ActedAt, actedAt)
            .SetProperty(e => e.SkipReason, skipReason)
            .SetProperty(e => e.Outcome, outcome.Length > 500 ? outcome[..500] : outcome)
            .SetProperty(e => e.CouponId, couponId)
            .SetProperty(e => e.ConvertBy, convertBy), cancellationToken);
}
