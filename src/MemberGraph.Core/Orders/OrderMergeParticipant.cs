using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>Orders follow the person: a merge moves the merged member's orders to the survivor (lines and refunds hang off the order).</summary>
public sealed class OrderMergeParticipant : IMergeParticipant
{
    public string Kind => "orders";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var ids = await db.Orders.Where(o => o.MemberId == fromMemberId).Select(o => o.Id).ToListAsync(cancellationToken);
        await db.Orders.Where(o => o.MemberId == fromMemberId).ExecuteUpdateAsync(s => s.SetProperty(o => o.MemberId, toMemberId), cancellationToken);
        return ids;
    }

    public async Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken) =>
        await db.Orders.Where(o => rowIds.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.MemberId, toMemberId), cancellationToken);
}
