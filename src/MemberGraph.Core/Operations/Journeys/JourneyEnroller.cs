using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// Enrols a member in the active journeys of a trigger, inside the triggering unit of work: one read of the (few)
/// active journeys of that kind, then one insert per journey the member is not already in for this occurrence. Nothing
/// else happens here — no condition, no Tencent call: the advance job does that once the wait is over.
/// </summary>
public sealed class JourneyEnroller(TimeProvider clock)
{
    /// <summary>Enrols <paramref name="memberId"/> for <paramref name="occurrence"/> in the active journeys <paramref name="applies"/> accepts.</summary>
    public async Task<int> EnrolAsync(UnitOfWork work, JourneyTriggerKind trigger, long memberId, string occurrence, Func<Journey, bool>? applies,
        CancellationToken cancellationToken)
    {
        var db = work.Db;
        var journeys = await ActiveAsync(work, trigger, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var enrolled = 0;
        foreach (var journey in journeys.Where(j => applies?.Invoke(j) ?? true))
        {
            var known = await db.JourneyEnrolments.AnyAsync(
                e => e.JourneyId == journey.Id && e.MemberId == memberId && e.Occurrence == occurrence, cancellationToken);
            if (known)
            {
                continue; // a replay of the same occurrence: enrolled once
            }

            db.JourneyEnrolments.Add(new JourneyEnrolment
            {
                JourneyId = journey.Id,
                MemberId = memberId,
                Occurrence = occurrence,
                Status = JourneyEnrolmentStatus.Waiting,
                EnrolledAt = now,
                DueAt = now.AddMinutes(journey.WaitMinutes),
            });
            enrolled++;
        }

        return enrolled;
    }

    /// <summary>The active journeys of a trigger: what a handler checks first, so that without any it costs one small read.</summary>
    public static Task<List<Journey>> ActiveAsync(UnitOfWork work, JourneyTriggerKind trigger, CancellationToken cancellationToken) =>
        work.Db.Journeys.AsNoTracking()
            .Where(j => j.TriggerKind == trigger && j.Status == JourneyStatus.Active)
            .ToListAsync(cancellationToken);
}
