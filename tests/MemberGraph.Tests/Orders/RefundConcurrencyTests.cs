using MemberGraph.Commission;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Orders;

/// <summary>
/// refundOrder reads the order, its lines, the points lot and the commission lines before it takes SQLite's writer's turn, and
/// re-checks them when it writes: these refunds race that read with real parallel requests, so a refund planned on rows another
/// refund moved meanwhile must be rolled back and planned again, never applied twice.
/// </summary>
public abstract class RefundConcurrencyTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : RefundConcurrencyTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : RefundConcurrencyTests(DatabaseKind.Postgres);

    private GatewayHost _gateway = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(database: database);
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Parallel_refunds_of_different_lines_of_one_order_each_take_back_their_line_once()
    {
        // given: line i (1-4) is one unit for i x 10 yuan, bought with a guide's code at the guide's store: 100 points pending and
        // a commission line per order line
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id, "GRACE8");
        var input = LoyaltyApi.Order("POS-C1", "CARD-C1", 10_000, storeId: GlobalId.Encode("Store", store.Id),
            lines: [.. Enumerable.Range(1, 4).Select(i => LoyaltyApi.Line($"SKU-{i}", "DOMESTIC_FRUIT", 1, 1_000 * i))]);
        input["guideCode"] = "GRACE8";
        var order = await _api.RecordOkAsync(input);
        var orderId = order["id"]!.GetValue<string>();
        var memberId = LoyaltyApi.MemberKey(order);
        Assert.Equal(100, (await _api.TotalsAsync(memberId)).Pending);

        // when: each line refunded by its own refund id, all at once, and each request sent twice (a client retrying)
        var responses = await Task.WhenAll(Enumerable.Range(1, 4).SelectMany(n => new[] { n, n })
            .Select(n => _api.RefundAsync(new { orderId, refundId = $"C1-{n}", lines = new[] { new { lineNumber = n } } })));

        // then: every request answered (first time or replay); each line refunded once, the order in full
        Assert.All(responses, r => Assert.Empty(r.OkData()["refundOrder"]!["errors"]!.AsArray()));
        await using var db = _gateway.Db();
        var key = LoyaltyApi.OrderKey(order);
        var saved = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == key);
        Assert.Equal((10_000L, OrderStatus.FullyRefunded), (saved.RefundedAmountCents, saved.Status));
        Assert.All(await db.OrderLines.Where(l => l.OrderId == key).ToListAsync(), l => Assert.Equal((l.PaidShareCents, 1), (l.RefundedCents, l.RefundedQuantity)));
        var refunds = await db.OrderRefunds.AsNoTracking().Where(r => r.OrderId == key).ToListAsync();
        Assert.Equal(4, refunds.Count);
        Assert.Equal(4, await db.OrderRefundLines.CountAsync());

        // then: the points cancelled once in all (10 + 20 + 30 + 40), one reversal entry per refund, the lot used up
        Assert.Equal(100, refunds.Sum(r => r.PointsCancelled));
        var totals = await _api.TotalsAsync(memberId);
        Assert.Equal((0L, 0L), (totals.Pending, totals.Consistent()));
        Assert.Equal(4, await db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Reverse));
        var lot = await db.PointsLots.AsNoTracking().SingleAsync(l => l.OrderId == key);
        Assert.Equal((PointsLotStatus.Cancelled, 0L), (lot.Status, lot.Remaining));

        // then: each commission line clawed back once, in full, and the guide's totals moved by exactly the commission
        var commission = await db.CommissionLines.AsNoTracking().Where(c => c.OrderId == key).ToListAsync();
        Assert.Equal(4, commission.Count);
        Assert.All(commission, c => Assert.Equal((CommissionStatus.ClawedBack, c.AmountCents, 1), (c.Status, c.ClawedBackCents, c.Version)));
        var guideTotals = await db.GuideCommissionTotals.AsNoTracking().SingleAsync(t => t.GuideId == guide.Id);
        Assert.Equal((0L, commission.Sum(c => c.AmountCents)), (guideTotals.PendingCents, guideTotals.ClawedBackCents));
        Assert.Equal(4, await _api.AuditCountAsync("commission.clawback"));
        Assert.Equal(4, await _api.AuditCountAsync("refundOrder", $"Order:{key}"));
    }

    [Fact]
    public async Task Parallel_refunds_of_different_lines_of_an_order_without_points_add_up_on_the_order()
    {
        // given: four lines of 40 cents each, too little to earn a point: no lot, no commission, so only the order's own refunded
        // total tells two refunds of different lines apart
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-C4", "CARD-C4", 160,
            lines: [.. Enumerable.Range(1, 4).Select(i => LoyaltyApi.Line($"SKU-{i}", "DOMESTIC_FRUIT", 1, 40))]));
        var orderId = order["id"]!.GetValue<string>();
        var key = LoyaltyApi.OrderKey(order);
        await using (var before = _gateway.Db())
        {
            Assert.Equal(0, await before.PointsLots.CountAsync(l => l.OrderId == key));
        }

        // when: each line refunded by its own refund id, all at once
        var responses = await Task.WhenAll(Enumerable.Range(1, 4)
            .Select(n => _api.RefundAsync(new { orderId, refundId = $"C4-{n}", lines = new[] { new { lineNumber = n } } })));

        // then: all four refunded, and the order's total is their sum (4 x 40), not the last one's view of it
        Assert.Equal(["OK", "OK", "OK", "OK"], CodesOf(responses));
        await using var db = _gateway.Db();
        var saved = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == key);
        Assert.Equal((160L, OrderStatus.FullyRefunded), (saved.RefundedAmountCents, saved.Status));
        Assert.Equal(160, await db.OrderRefunds.SumAsync(r => r.AmountCents));
    }

    [Fact]
    public async Task Parallel_refunds_of_one_line_under_different_ids_take_it_back_once()
    {
        // given: paid 100 yuan, line 2 is one unit for 60 yuan (60 points pending)
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-C2", "CARD-C2", 10_000,
            lines: [LoyaltyApi.Line("SKU-ORANGE", "DOMESTIC_FRUIT", 4, 4_000), LoyaltyApi.Line("SKU-CHERRY", "IMPORTED_FRUIT", 1, 6_000)]));
        var orderId = order["id"]!.GetValue<string>();

        // when: five refunds of line 2 at once, each with its own refund id
        var responses = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(i => _api.RefundAsync(new { orderId, refundId = $"C2-{i}", lines = new[] { new { lineNumber = 2 } } })));

        // then: one refunded it; the others, planned on the line as it was before, were planned again and refused
        Assert.Equal(["OK", "REFUND_EXCEEDS_ORDER", "REFUND_EXCEEDS_ORDER", "REFUND_EXCEEDS_ORDER", "REFUND_EXCEEDS_ORDER"], CodesOf(responses));
        await using var db = _gateway.Db();
        Assert.Equal(6_000, (await db.Orders.SingleAsync()).RefundedAmountCents);
        var cherries = await db.OrderLines.AsNoTracking().SingleAsync(l => l.LineNumber == 2);
        Assert.Equal((6_000L, 1), (cherries.RefundedCents, cherries.RefundedQuantity));
        Assert.Equal(60, (await db.OrderRefunds.SingleAsync()).PointsCancelled);
        Assert.Equal(40, (await _api.TotalsAsync(LoyaltyApi.MemberKey(order))).Pending);
    }

    [Fact]
    public async Task Parallel_refunds_of_a_free_line_take_its_units_back_once()
    {
        // given: 50 yuan paid for one unit of line 1; line 2 is two free units (a gift): refunding them moves no money, so the
        // order's refunded total cannot tell one such refund from none
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-C3", "CARD-C3", 5_000,
            lines: [LoyaltyApi.Line("SKU-ORANGE", "DOMESTIC_FRUIT", 1, 5_000), LoyaltyApi.Line("SKU-GIFT", "DOMESTIC_FRUIT", 2, 0)]));
        var orderId = order["id"]!.GetValue<string>();

        // when: five refunds of both gift units at once, each with its own refund id
        var responses = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(i => _api.RefundAsync(new { orderId, refundId = $"C3-{i}", lines = new[] { new { lineNumber = 2, quantity = 2 } } })));

        // then: the gift's units were returned once: the line's own refunded quantity is what the others' writes re-checked
        Assert.Equal(["OK", "REFUND_EXCEEDS_ORDER", "REFUND_EXCEEDS_ORDER", "REFUND_EXCEEDS_ORDER", "REFUND_EXCEEDS_ORDER"], CodesOf(responses));
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.OrderRefunds.CountAsync());
        Assert.Equal(2, await db.OrderLines.Where(l => l.LineNumber == 2).Select(l => l.RefundedQuantity).SingleAsync());
        Assert.Equal(0, (await db.Orders.SingleAsync()).RefundedAmountCents);
    }

    private static List<string> CodesOf(IEnumerable<GraphQLResponse> responses) =>
        [.. responses.Select(r => r.OkData()["refundOrder"]!["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).SingleOrDefault("OK")).Order()];
}
