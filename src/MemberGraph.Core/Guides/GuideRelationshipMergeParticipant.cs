using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>
/// Moves the merged member's guide relationships (open ones and history) to the survivor. A member has at most
/// one open exclusive guide, so when both have one the survivor's stays and the merged member's is ended with
/// reason <see cref="EndReason"/>. That row is reported as a negative id: an unmerge moves it back and reopens it.
/// </summary>
public sealed class GuideRelationshipMergeParticipant(TimeProvider clock) : IMergeParticipant
{
    public const string EndReason = "merged";

    public string Kind => "GuideRelationships";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var rows = await db.GuideRelationships
            .Where(r => r.MemberId == fromMemberId)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Kind, r.EndedAt })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        long? ended = null;
        var openExclusive = rows.FirstOrDefault(r => r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null);
        if (openExclusive is not null && await HasOpenExclusiveAsync(db, toMemberId, cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.GuideRelationships.Where(r => r.Id == openExclusive.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, now).SetProperty(r => r.EndReason, EndReason), cancellationToken);
            ended = openExclusive.Id;
        }

        var ids = rows.ConvertAll(r => r.Id);
        await MoveToAsync(db, ids, toMemberId, cancellationToken);
        return ids.ConvertAll(id => id == ended ? -id : id);
    }

    public async Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken)
    {
        await MoveToAsync(db, rowIds.Select(Math.Abs).ToList(), toMemberId, cancellationToken);

        var endedByMerge = rowIds.Where(id => id < 0).Select(id => -id).ToList();
        if (endedByMerge.Count > 0 && !await HasOpenExclusiveAsync(db, toMemberId, cancellationToken))
        {
            await db.GuideRelationships
                .Where(r => endedByMerge.Contains(r.Id) && r.EndReason == EndReason)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, (DateTime?)null).SetProperty(r => r.EndReason, (string?)null), cancellationToken);
        }
    }

    private static Task<bool> HasOpenExclusiveAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        db.GuideRelationships.AnyAsync(r => r.MemberId == memberId && r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null, cancellationToken);

    private static async Task MoveToAsync(MemberGraphDb db, List<long> ids, long memberId, CancellationToken cancellationToken)
    {
        if (ids.Count > 0)
        {
            await db.GuideRelationships.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.MemberId, memberId), cancellationToken);
        }
    }
}
