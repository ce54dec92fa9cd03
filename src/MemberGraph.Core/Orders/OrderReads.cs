using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>Reads on hot paths (the mini-program home, every recording's checks), compiled once per provider model.</summary>
public static class OrderReads
{
    private static readonly CompiledPerModel<Func<MemberGraphDb, long, long, int, IAsyncEnumerable<Order>>> Latest = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, long beforeId, int take) =>
            db.Orders.AsNoTracking().Where(o => o.MemberId == memberId && o.Id < beforeId).OrderByDescending(o => o.Id).Take(take)));

    // The two checks every recording runs skip EF's LINQ pipeline (see SqlRead).
    private static readonly SqlRead<Order> ByChannelOrderId = new(sql => $"""
        SELECT {sql.Top(1)} * FROM "Orders" WHERE "Channel" = @channel AND "ChannelOrderId" = @channelOrderId {sql.Limit(1)}
        """,
        row => row.Entity<Order>(),
        SqlArg.Like<Order>("channel", nameof(Order.Channel)), SqlArg.Like<Order>("channelOrderId", nameof(Order.ChannelOrderId)));

    private static readonly SqlRead<bool> StoreExists = new(sql => $"""
        SELECT {sql.Top(1)} 1 FROM "Stores" WHERE "Id" = @storeId {sql.Limit(1)}
        """,
        _ => true,
        SqlArg.Of<long>("storeId"));

    /// <summary>The order a channel recorded under <paramref name="channelOrderId"/>, if any: the replay check of every recording.</summary>
    public static Task<Order?> RecordedAsAsync(MemberGraphDb db, SalesChannel channel, string channelOrderId, CancellationToken cancellationToken) =>
        ByChannelOrderId.FirstOrDefaultAsync(db, [channel, channelOrderId], cancellationToken);

    public static Task<bool> StoreExistsAsync(MemberGraphDb db, long storeId, CancellationToken cancellationToken) =>
        StoreExists.FirstOrDefaultAsync(db, [storeId], cancellationToken);

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
