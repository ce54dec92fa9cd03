using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// Moves the merged member's journey enrolments (waiting ones and history) to the survivor: a waiting step still acts,
/// on the member who is left, and past actions count towards the survivor's frequency cap (one person). An enrolment is
/// unique per (journey, member, occurrence): where both members have the same one the survivor's stays, and the merged
/// member's stays with the merged record; if it was WAITING it is SKIPPED with reason <see cref="JourneySkipReasons.Merged"/>
/// (reported as a negative id, so an unmerge makes it WAITING again).
/// </summary>
public sealed class JourneyEnrolmentMergeParticipant : IMergeParticipant
{
    public string Kind => "JourneyEnrolments";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var clashing = await db.JourneyEnrolments
            .Where(e => e.MemberId == fromMemberId
                && db.JourneyEnrolments.Any(s => s.MemberId == toMemberId && s.JourneyId == e.JourneyId && s.Occurrence == e.Occurrence))
            .Select(e => new { e.Id, e.Status })
            .ToListAsync(cancellationToken);
        var closed = clashing.Where(e => e.Status == JourneyEnrolmentStatus.Waiting).Select(e => e.Id).ToList();
        if (closed.Count > 0)
        {
            await db.JourneyEnrolments.Where(e => closed.Contains(e.Id) && e.Status == JourneyEnrolmentStatus.Waiting).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, JourneyEnrolmentStatus.Skipped).SetProperty(e => e.SkipReason, JourneySkipReasons.Merged), cancellationToken);
        }

        var staying = clashing.ConvertAll(e => e.Id);
        var moving = await db.JourneyEnrolments.Where(e => e.MemberId == fromMemberId && !staying.Contains(e.Id))
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        await MoveToAsync(db, moving, toMemberId, cancellationToken);
        return [.. moving, .. closed.Select(id => -id)];
    }

    public async Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken)
    {
        await MoveToAsync(db, rowIds.Where(id => id > 0).ToList(), toMemberId, cancellationToken);
        var skippedByMerge = rowIds.Where(id => id < 0).Select(id => -id).ToList();
        foreach (var chunk in skippedByMerge.Chunk(500))
        {
            await db.JourneyEnrolments
                .Where(e => chunk.Contains(e.Id) && e.Status == JourneyEnrolmentStatus.Skipped && e.SkipReason == JourneySkipReasons.Merged)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, JourneyEnrolmentStatus.Waiting).SetProperty(e => e.SkipReason, (string?)null), cancellationToken);
        }
    }

    private static async Task MoveToAsync(MemberGraphDb db, List<long> ids, long memberId, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            await db.JourneyEnrolments.Where(e => chunk.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.MemberId, memberId), cancellationToken);
        }
    }
}
