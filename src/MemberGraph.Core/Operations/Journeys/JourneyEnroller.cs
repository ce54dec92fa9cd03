using MemberGraph.Data;
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
        var journeys = await ActiveAsync(work, trigger, cancellationToken);
        return await EnrolAsync(work, journeys.Where(j => applies?.Invoke(j) ?? true).ToList(), memberId, occurrence, cancellationToken);
    }

    /// <summary>Enrols <paramref name="memberId"/> for <paramref name="occurrence"/> in <paramref name="journeys"/>, already read by the caller.</summary>
    public async Task<int> EnrolAsync(UnitOfWork work, IReadOnlyList<Journey> journeys, long memberId, string occurrence, CancellationToken cancellationToken)
    {
        var db = work.Db;
        var now = clock.GetUtcNow().UtcDateTime;
        var enrolled = 0;
        foreach (var journey in journeys)
        {
            var known = await db.JourneyEnrolments.AnyAsync(
                e => e.JourneyId == journey.Id && e.MemberId == memberId && e.Occurrence == occurrence, cancellationToken);
            if (known)
            {
                continue; // a replay of the same occurrence: enrolled once
            }

            db.JourneyEnrolments.Add(Waiting(journey, memberId, occurrence, now));
            enrolled++;
        }

        return enrolled;
    }

    /// <summary>
    /// Enrols segment entries found in one member id range in the ENTERED_SEGMENT journeys given, on the caller's context
    /// (saved with its transaction): one read of the range's enrolments already made for this segment, then the new rows.
    /// </summary>
    public async Task<int> EnrolEntriesAsync(MemberGraphDb db, IReadOnlyList<Journey> journeys, long segmentId, long fromMemberId, long toMemberId,
        IReadOnlyList<SegmentEntry> entries, DateTime now, CancellationToken cancellationToken)
    {
        if (journeys.Count == 0 || entries.Count == 0)
        {
            return 0;
        }

        var journeyIds = journeys.Select(j => j.Id).ToList();
        var prefix = $"segment:{segmentId}:";
        var made = (await db.JourneyEnrolments.AsNoTracking()
                .Where(e => journeyIds.Contains(e.JourneyId) && e.MemberId >= fromMemberId && e.MemberId <= toMemberId && e.Occurrence.StartsWith(prefix))
                .Select(e => new { e.JourneyId, e.MemberId, e.Occurrence })
                .ToListAsync(cancellationToken))
            .Select(e => (e.JourneyId, e.MemberId, e.Occurrence)).ToHashSet();
        var enrolled = 0;
        foreach (var journey in journeys)
        {
            foreach (var entry in entries)
            {
                var occurrence = SegmentOccurrence(segmentId, entry.Number);
                if (made.Contains((journey.Id, entry.MemberId, occurrence)))
                {
                    continue; // enrolled by an earlier evaluation of this entry
                }

                db.JourneyEnrolments.Add(Waiting(journey, entry.MemberId, occurrence, now));
                enrolled++;
            }
        }

        return enrolled;
    }

    /// <summary>A new enrolment, due once the journey's wait is over.</summary>
    private static JourneyEnrolment Waiting(Journey journey, long memberId, string occurrence, DateTime now) => new()
    {
        JourneyId = journey.Id,
        MemberId = memberId,
        Occurrence = occurrence,
        Status = JourneyEnrolmentStatus.Waiting,
        EnrolledAt = now,
        DueAt = now.AddMinutes(journey.WaitMinutes),
    };

    /// <summary>The occurrence of a member's n-th entry into a segment: leaving and coming back is a new one.</summary>
    public static string SegmentOccurrence(long segmentId, int entryNumber) => $"segment:{segmentId}:{entryNumber}";

    /// <summary>The active journeys of a trigger: what a handler checks first, so that without any it costs one small read.</summary>
    public static Task<List<Journey>> ActiveAsync(UnitOfWork work, JourneyTriggerKind trigger, CancellationToken cancellationToken) =>
        JourneyReads.ActiveAsync(work.Db, trigger, cancellationToken);
}
