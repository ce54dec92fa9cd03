using MemberGraph.Domain;
using MemberGraph.Privacy.Erasure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>An erased member is nobody's task any more: their open tasks expire at once (done ones stay as anonymous history).</summary>
public sealed class CloseTasksOnErasure : IDomainEventHandler<MemberErased>
{
    public async Task HandleAsync(MemberErased erased, UnitOfWork work, CancellationToken cancellationToken)
    {
        var ids = erased.MemberIds;
        await work.Db.GuideTasks.Where(t => ids.Contains(t.MemberId) && t.Status == GuideTaskStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, GuideTaskStatus.Expired), cancellationToken);
    }
}
