using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// Moves the merged member's guide tasks (open ones and history) to the survivor, so that the guide's work list names the
/// member who is left. A campaign has one task per member: where both members have one in the same campaign the survivor's
/// stays, and the merged member's stays with the merged record; if it was OPEN it becomes <see cref="GuideTaskStatus.Merged"/>
/// (no guide contacts the same person twice, the campaign counts the person once). That row is reported as a negative id:
/// an unmerge reopens it. Done and expired ones left behind keep their status (the work happened).
/// </summary>
public sealed class GuideTaskMergeParticipant : IMergeParticipant
{
    public string Kind => "GuideTasks";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var survivorCampaigns = db.GuideTasks.Where(s => s.MemberId == toMemberId && s.CampaignId != null).Select(s => s.CampaignId);
        var clashing = await db.GuideTasks
            .Where(t => t.MemberId == fromMemberId && survivorCampaigns.Contains(t.CampaignId))
            .Select(t => new { t.Id, t.Status })
            .ToListAsync(cancellationToken);
        var closed = clashing.Where(t => t.Status == GuideTaskStatus.Open).Select(t => t.Id).ToList();
        if (closed.Count > 0)
        {
            await db.GuideTasks.Where(t => closed.Contains(t.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, GuideTaskStatus.Merged), cancellationToken);
        }

        var staying = clashing.ConvertAll(t => t.Id);
        var moving = await db.GuideTasks.Where(t => t.MemberId == fromMemberId && !staying.Contains(t.Id))
            .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        await MoveToAsync(db, moving, toMemberId, cancellationToken);
        return [.. moving, .. closed.Select(id => -id)];
    }

    public async Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken)
    {
        await MoveToAsync(db, rowIds.Where(id => id > 0).ToList(), toMemberId, cancellationToken);
        var closedByMerge = rowIds.Where(id => id < 0).Select(id => -id).ToList();
        foreach (var chunk in closedByMerge.Chunk(500))
        {
            await db.GuideTasks.Where(t => chunk.Contains(t.Id) && t.Status == GuideTaskStatus.Merged)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, GuideTaskStatus.Open), cancellationToken);
        }
    }

    private static async Task MoveToAsync(MemberGraphDb db, List<long> ids, long memberId, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            await db.GuideTasks.Where(t => chunk.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.MemberId, memberId), cancellationToken);
        }
    }
}
