using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// Creates ONE task for a member inside the caller's unit of work (a journey's "guide task" step), with the campaign
/// rules: the member's active exclusive guide, else a guide of their service store in turn; no guide → UNASSIGNED; guide
/// outreach withdrawn → SKIPPED; merged-away or erased members → null (no row). <paramref name="sourceKey"/> is the
/// caller's idempotency key (unique): the same key again returns the task the first call created. The guide hears
/// <c>taskAssigned</c> once the caller's unit of work commits.
/// </summary>
public sealed class GuideTaskAssigner(TimeProvider clock)
{
    public async Task<GuideTask?> AssignAsync(
        UnitOfWork work, long memberId, GuideTaskKind kind, string script, long? couponTemplateId, int dueDays, string sourceKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueDays, 1);
        var db = work.Db;
        if (await db.GuideTasks.AsNoTracking().FirstOrDefaultAsync(t => t.SourceKey == sourceKey, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var candidate = await TaskCandidate.Of(db, db.Members.AsNoTracking().Where(m => m.Id == memberId && m.Status == MemberStatus.Active))
            .FirstOrDefaultAsync(cancellationToken);
        if (candidate is null)
        {
            return null;
        }

        var (guideId, storeId, route) = candidate.OutreachWithdrawn
            ? (null, null, GuideTaskRoute.None)
            : (await GuideRota.LoadAsync(db, cancellationToken)).Assign(candidate);
        var now = clock.GetUtcNow().UtcDateTime;
        var task = new GuideTask
        {
            SourceKey = sourceKey,
            Kind = kind,
            Script = script.Length > GuideTaskRules.MaxScriptLength ? script[..GuideTaskRules.MaxScriptLength] : script,
            CouponTemplateId = couponTemplateId,
            MemberId = memberId,
            GuideId = guideId,
            StoreId = storeId,
            Route = route,
            Status = candidate.OutreachWithdrawn ? GuideTaskStatus.Skipped : guideId is null ? GuideTaskStatus.Unassigned : GuideTaskStatus.Open,
            CreatedAt = now,
            DueAt = now.AddDays(dueDays),
        };
        db.GuideTasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        if (task.Status == GuideTaskStatus.Open)
        {
            work.Publish(new GuideTasksAssigned(guideId!.Value, null, task.Id, kind, 1, now));
        }

        return task;
    }
}
