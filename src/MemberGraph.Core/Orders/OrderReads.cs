using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>Single-member reads on hot paths (the mini-program home), compiled once per provider model.</summary>
public static class OrderReads
{
    private static readonly CompiledPerModel<Func<MemberGraphDb, long, long, int, IAsyncEnumerable<Order>>> Latest = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, long beforeId, int take) =>
            db.Orders.AsNoTracking().Where(o => o.MemberId == memberId && o.Id < beforeId).OrderByDescending(o => o.Id).Take(take)));

    /// <summary>Up to <paramref name="take"/> of the member's orders with ids below <paramref name="beforeId"/>, newest first.</summary>
    public static async Task<List<Order>> LatestOfAsync(MemberGraphDb db, long memberId, long beforeId, int take, CancellationToken cancellationToken)
    {
        var orders = new List<Order>(take);
        await foreach (var order in Latest.For(db)(db, memberId, beforeId, take).WithCancellation(cancellationToken))
        {
            orders.Add(order);
        }

        return orders;
    }
}
