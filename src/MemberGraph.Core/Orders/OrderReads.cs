using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>Reads on hot paths (the mini-program home, every recording's checks), compiled once per provider model.</summary>
public static class OrderReads
{
    private static readonly CompiledPerModel<Func<MemberGraphDb, long, long, int, IAsyncEnumerable<Order>>> Latest = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, long beforeId, int take) =>
            db.Orders.AsNoTracking().Where(o => o.MemberId == memberId && o.Id < beforeId).OrderByDescending(o => o.Id).Take(take)));

    // The checks every recording runs skip EF's LINQ pipeline (see SqlRead).
    private static readonly SqlRead<Order> ByChannelOrderId = new(sql => $"""
        SELECT {sql.Top(1)} * FROM "Orders" WHERE "Channel" = @channel AND "ChannelOrderId" = @channelOrderId {sql.Limit(1)}
        """,
        row => row.Entity<Order>(),
        SqlArg.Like<Order>("channel", nameof(Order.Channel)), SqlArg.Like<Order>("channelOrderId", nameof(Order.ChannelOrderId)));

    // Both checks in one statement: whether the till's store exists, and the order's first recording (a LEFT JOIN, so one row
    // either way). The order's own id comes first under another name, null when there is none.
    private static readonly SqlRead<BeforeRecording> StoreAndFirstRecording = new(sql => $"""
        SELECT (SELECT {sql.Top(1)} 1 FROM "Stores" WHERE "Id" = @storeId {sql.Limit(1)}) AS "StoreFound", o."Id" AS "FirstId", o.*
        FROM (SELECT 1 AS "One") AS one LEFT JOIN "Orders" AS o ON o."Channel" = @channel AND o."ChannelOrderId" = @channelOrderId
        """,
        row => new BeforeRecording(row.Get<int?>(0) is not null, row.Get<long?>(1) is null ? null : row.Entity<Order>(from: 2)),
        SqlArg.Of<long?>("storeId"), SqlArg.Like<Order>("channel", nameof(Order.Channel)), SqlArg.Like<Order>("channelOrderId", nameof(Order.ChannelOrderId)));

    /// <summary>What a recording checks first: whether <c>storeId</c> exists (false when none was given) and the order's first recording, if any.</summary>
    public sealed record BeforeRecording(bool StoreFound, Order? FirstRecording);

    /// <summary>The store check and the replay check of a recording, in one statement.</summary>
    public static async Task<BeforeRecording> BeforeRecordingAsync(MemberGraphDb db, long? storeId, SalesChannel channel, string channelOrderId,
        CancellationToken cancellationToken) =>
        (await StoreAndFirstRecording.FirstOrDefaultAsync(db, [storeId, channel, channelOrderId], cancellationToken))!;

    /// <summary>The order a channel recorded under <paramref name="channelOrderId"/>, if any: the replay check after a parallel recording won.</summary>
    public static Task<Order?> RecordedAsAsync(MemberGraphDb db, SalesChannel channel, string channelOrderId, CancellationToken cancellationToken) =>
        ByChannelOrderId.FirstOrDefaultAsync(db, [channel, channelOrderId], cancellationToken);

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
