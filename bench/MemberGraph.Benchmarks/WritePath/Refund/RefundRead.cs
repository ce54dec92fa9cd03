using MemberGraph.Commission;
using MemberGraph.Orders;
using MemberGraph.Points;

namespace MemberGraph.Benchmarks.WritePath.Refund;

/// <summary>
/// Everything a refund decides on, in one joined read: the order with its lines, each line's commission lines, the order's
/// points lot, and the content hash of an earlier refund with the same refund id (the replay check).
/// </summary>
internal sealed record RefundRead(Order Order, string? EarlierHash, RefundRead.Lot? PointsLot, IReadOnlyList<RefundRead.Commission> Commissions)
{
    public sealed record Lot(long Id, long Remaining, PointsLotStatus Status, long Version);

    public sealed record Commission(long Id, long OrderLineId, long GuideId, long AmountCents, long ClawedBackCents, CommissionStatus Status, int Version);

    public static async Task<RefundRead?> ReadAsync(Sql sql, RefundOrderCommand command, CancellationToken cancellationToken)
    {
        var byId = command.OrderId is not null;
        await using var read = sql.Command($"""
            SELECT o."Id", o."MemberId", o."StoreId", o."Channel", o."ChannelOrderId", o."PaidAmountCents", o."RefundedAmountCents", o."Status",
                   l."Id", l."LineNumber", l."Sku", l."Category", l."Quantity", l."PaidShareCents", l."Points", l."RefundedQuantity", l."RefundedCents",
                   c."Id", c."GuideId", c."AmountCents", c."ClawedBackCents", c."Status", c."Version",
                   p."Id", p."Remaining", p."Status", p."Version",
                   (SELECT r."ContentHash" FROM "OrderRefunds" r WHERE r."OrderId" = o."Id" AND r."RefundId" = @refund)
            FROM "Orders" o
            JOIN "OrderLines" l ON l."OrderId" = o."Id"
            LEFT JOIN "CommissionLines" c ON c."OrderId" = o."Id" AND c."OrderLineId" = l."Id"
            LEFT JOIN "PointsLots" p ON p."OrderId" = o."Id"
            WHERE {(byId ? "o.\"Id\" = @order" : "o.\"Channel\" = @channel AND o.\"ChannelOrderId\" = @channelOrderId")}
            ORDER BY l."LineNumber", c."Id"
            """, byId
            ? [("@refund", command.RefundId), ("@order", command.OrderId)]
            : [("@refund", command.RefundId), ("@channel", command.Channel.ToString()), ("@channelOrderId", command.ChannelOrderId)]);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        Order? order = null;
        string? earlierHash = null;
        Lot? lot = null;
        var commissions = new List<Commission>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (order is null)
            {
                order = new Order
                {
                    Id = reader.GetInt64(0),
                    MemberId = reader.GetInt64(1),
                    StoreId = reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    Channel = Enum.Parse<SalesChannel>(reader.GetString(3)),
                    ChannelOrderId = reader.GetString(4),
                    PaidAmountCents = reader.GetInt64(5),
                    RefundedAmountCents = reader.GetInt64(6),
                    Status = Enum.Parse<OrderStatus>(reader.GetString(7)),
                };
                lot = reader.IsDBNull(23) ? null : new Lot(reader.GetInt64(23), reader.GetInt64(24), Enum.Parse<PointsLotStatus>(reader.GetString(25)), reader.GetInt64(26));
                earlierHash = reader.IsDBNull(27) ? null : reader.GetString(27);
            }

            var lineId = reader.GetInt64(8);
            if (order.Lines.Count == 0 || order.Lines[^1].Id != lineId)
            {
                order.Lines.Add(new OrderLine
                {
                    Id = lineId,
                    OrderId = order.Id,
                    LineNumber = reader.GetInt32(9),
                    Sku = reader.GetString(10),
                    Category = Enum.Parse<ProductCategory>(reader.GetString(11)),
                    Quantity = reader.GetInt32(12),
                    PaidShareCents = reader.GetInt64(13),
                    Points = reader.GetInt64(14),
                    RefundedQuantity = reader.GetInt32(15),
                    RefundedCents = reader.GetInt64(16),
                });
            }

            if (!reader.IsDBNull(17))
            {
                commissions.Add(new Commission(reader.GetInt64(17), lineId, reader.GetInt64(18), reader.GetInt64(19), reader.GetInt64(20),
                    Enum.Parse<CommissionStatus>(reader.GetString(21)), reader.GetInt32(22)));
            }
        }

        return order is null ? null : new RefundRead(order, earlierHash, lot, commissions);
    }
}
