using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>Reads on hot paths (the mini-program home, every recording's checks), compiled once per provider model.</summary>
public static class OrderReads
{
    private static readonly CompiledPerModel<Func<MemberGraphDb, long, long, int, IAsyncEnumerable<Order>>> Latest = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, long beforeId, int take) =>
            db.Orders.AsNoTracking().Where(o => o.MemberId == memberId && o.Id < beforeId).OrderByDescending(o => o.Id).Take(take)));

    private static readonly CompiledPerModel<Func<MemberGraphDb, SalesChannel, string, CancellationToken, Task<Order?>>> ByChannelOrderId = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, SalesChannel channel, string channelOrderId, CancellationToken _) =>
            db.Orders.AsNoTracking().FirstOrDefault(o => o.Channel == channel && o.ChannelOrderId == channelOrderId)));

    private static readonly CompiledPerModel<Func<MemberGraphDb, long, CancellationToken, Task<bool>>> StoreExists = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long storeId, CancellationToken _) => db.Stores.Any(s => s.Id == storeId)));

    /// <summary>The order a channel recorded under <paramref name="channelOrderId"/>, if any: the replay check of every recording.</summary>
    public static Task<Order?> RecordedAsAsync(MemberGraphDb db, SalesChannel channel, string channelOrderId, CancellationToken cancellationToken) =>
        ByChannelOrderId.For(db)(db, channel, channelOrderId, cancellationToken);

    public static Task<bool> StoreExistsAsync(MemberGraphDb db, long storeId, CancellationToken cancellationToken) =>
        StoreExists.For(db)(db, storeId, cancellationToken);

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
