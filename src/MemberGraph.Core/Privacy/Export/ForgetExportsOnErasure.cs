using MemberGraph.Domain;
using MemberGraph.Privacy.Erasure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Export;

/// <summary>An erased member's exports are copies of what erasure removes: they go with it, and their links find nothing.</summary>
public sealed class ForgetExportsOnErasure : IDomainEventHandler<MemberErased>
{
    public async Task HandleAsync(MemberErased erased, UnitOfWork work, CancellationToken cancellationToken) =>
        await work.Db.DataExports.Where(e => erased.MemberIds.Contains(e.MemberId)).ExecuteDeleteAsync(cancellationToken);
}
