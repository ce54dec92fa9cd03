using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// Before anything is timed: the same order content through both sides must write the same rows (order, lines, points lot,
/// ledger entry and account, commission lines and guide totals, audit lines), or the comparison means nothing. Prints the
/// SQL statements each side sent for it.
/// </summary>
internal static class WriteCheck
{
    public const string RecordOrder = """
        mutation Record($input: RecordOrderInput!) { recordOrder(input: $input) { order { id pointsEarned } replayed errors { code message field } } }
        """;

    public static async Task SameOrderWritesAsync(BenchGateway gateway, OrderScenario orders, string token)
    {
        var buyer = orders.Buyers[0];
        var viaGraphQL = orders.Input(1_000_000_001, buyer, "CHECK-GQL");
        var viaHand = orders.Input(1_000_000_001, buyer, "CHECK-HAND");
        var (graphQLOrder, graphQLStatements) = await CheckedRequest.SendAsync(gateway, WriteOperation.Post("/graphql", OrderScenario.GraphQLBody(RecordOrder, viaGraphQL), token), "recordOrder", "order", "Order");
        var (handOrder, handStatements) = await CheckedRequest.SendAsync(gateway, WriteOperation.Post(HandWrittenOrder.Path, OrderScenario.HandWrittenBody(viaHand), token), "recordOrder", "order", "Order");
        Console.WriteLine($"SQL statements for one recordOrder: /graphql {graphQLStatements}, hand-written {handStatements}.");

        await using var db = await gateway.DbAsync();
        var a = await RowsAsync(db, graphQLOrder);
        var b = await RowsAsync(db, handOrder);
        if (a != b)
        {
            throw new InvalidOperationException($"The two sides wrote different rows for the same order:\n/graphql:\n{a}\nhand-written:\n{b}");
        }
    }

    /// <summary>What the order wrote, without its ids, numbers and times (they differ by nature).</summary>
    private static async Task<string> RowsAsync(MemberGraphDb db, long orderId)
    {
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
        var lines = await db.OrderLines.AsNoTracking().Where(l => l.OrderId == orderId).OrderBy(l => l.LineNumber)
            .Select(l => $"{l.LineNumber} {l.Sku} {l.Category} {l.Quantity} {l.AmountCents} {l.PaidShareCents} {l.Points}").ToListAsync();
        var commission = await db.CommissionLines.AsNoTracking().Where(c => c.OrderId == orderId).OrderBy(c => c.LineNumber)
            .Select(c => $"{c.LineNumber} guide {c.GuideId} store {c.StoreId} {c.Sku} {c.Rule} {c.RateBasisPoints} {c.BaseCents} {c.AmountCents} {c.Status}").ToListAsync();
        var lots = await db.PointsLots.AsNoTracking().Where(l => l.OrderId == orderId).Select(l => $"{l.MemberId} {l.Earned} {l.Remaining} {l.Status} {l.ExpiresAt:O}").ToListAsync();
        var source = GlobalId.Encode("Order", orderId);
        var entries = await db.PointsEntries.AsNoTracking().Where(e => e.SourceId == source)
            .Select(e => $"{e.MemberId} {e.Kind} {e.Amount} {e.PendingChange} {e.SourceKind} {e.IdempotencyKey.Replace(orderId.ToString(), "#")}").ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Target == $"Order:{orderId}").OrderBy(e => e.Operation)
            .Select(e => e.Operation + " " + e.Role + " " + e.Subject).ToListAsync();
        return $"""
            order: member {order.MemberId} store {order.StoreId} guide {order.AttributedGuideId} ({order.AttributionSource}) paid {order.PaidAmountCents} {order.Status} points {order.PointsEarned}
            lines: {string.Join("; ", lines)}
            commission: {string.Join("; ", commission)}
            lots: {string.Join("; ", lots)}
            ledger: {string.Join("; ", entries)}
            audit: {string.Join("; ", audit)}
            """;
    }
}
