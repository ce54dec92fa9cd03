using MemberGraph.Commission;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Points;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Orders;

public abstract class RefundOrderTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : RefundOrderTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : RefundOrderTests(DatabaseKind.Postgres);

    private GatewayHost _gateway = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(database: database);
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <summary>Paid 100 yuan: line 1 is 4 units for 40 yuan (40 points), line 2 one unit for 60 yuan (60 points).</summary>
    private Task<System.Text.Json.Nodes.JsonNode> TwoLineOrderAsync(string id, DateTime? paidAt = null) =>
        _api.RecordOkAsync(LoyaltyApi.Order(id, $"CARD-{id}", 10_000, paidAt: paidAt,
            lines: [LoyaltyApi.Line("SKU-ORANGE", "DOMESTIC_FRUIT", 4, 4_000), LoyaltyApi.Line("SKU-CHERRY", "IMPORTED_FRUIT", 1, 6_000)]));

    [Fact]
    public async Task Partial_refunds_by_lines_then_amount_then_full_cancel_pending_points_in_proportion()
    {
        // given
        var order = await TwoLineOrderAsync("POS-R1");
        var orderId = order["id"]!.GetValue<string>();
        var memberId = LoyaltyApi.MemberKey(order);

        // when: one orange back
        var byLine = await _api.RefundOkAsync(new { orderId, refundId = "R1-a", lines = new[] { new { lineNumber = 1, quantity = 1 } } });

        // then
        Assert.Equal("PARTIALLY_REFUNDED", byLine["order"]!["status"]!.GetValue<string>());
        Assert.Equal(1_000, byLine["refund"]!["amountCents"]!.GetValue<long>());
        Assert.Equal(10, byLine["refund"]!["pointsCancelled"]!.GetValue<long>());
        Assert.Equal(90, (await _api.TotalsAsync(memberId)).Pending);

        // when: 30 yuan back, spread over what each line can still return (3000 : 6000)
        var byAmount = await _api.RefundOkAsync(new { channel = "POS", channelOrderId = "POS-R1", refundId = "R1-b", amountCents = 3_000 });

        // then
        Assert.Equal(new long[] { 1_000, 2_000 }, byAmount["refund"]!["lines"]!.AsArray().Select(l => l!["amountCents"]!.GetValue<long>()));
        Assert.Equal(30, byAmount["refund"]!["pointsCancelled"]!.GetValue<long>());
        Assert.Equal(60, (await _api.TotalsAsync(memberId)).Pending);

        // when: the rest
        var full = await _api.RefundOkAsync(new { orderId, refundId = "R1-c" });

        // then
        Assert.Equal("FULLY_REFUNDED", full["order"]!["status"]!.GetValue<string>());
        Assert.Equal(10_000, full["order"]!["refundedAmountCents"]!.GetValue<long>());
        Assert.Equal("FULL", full["refund"]!["kind"]!.GetValue<string>());
        Assert.Equal(60, full["refund"]!["pointsCancelled"]!.GetValue<long>());
        var totals = await _api.TotalsAsync(memberId);
        Assert.Equal(0, totals.Consistent());
        Assert.Equal(0, totals.Pending);
        await using var db = _gateway.Db();
        Assert.Equal(PointsLotStatus.Cancelled, (await db.PointsLots.SingleAsync(l => l.MemberId == memberId)).Status);
        Assert.Equal(3, await db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Reverse));
        Assert.Equal(3, await _api.AuditCountAsync("refundOrder", $"Order:{LoyaltyApi.OrderKey(order)}"));
    }

    [Fact]
    public async Task A_refund_id_replays_its_first_result_and_refuses_other_content()
    {
        // given
        var order = await TwoLineOrderAsync("POS-R2");
        var orderId = order["id"]!.GetValue<string>();
        var first = await _api.RefundOkAsync(new { orderId, refundId = "R2", lines = new[] { new { lineNumber = 2 } } });

        // when
        var replay = await _api.RefundOkAsync(new { orderId, refundId = "R2", lines = new[] { new { lineNumber = 2 } } });
        var other = (await _api.RefundAsync(new { orderId, refundId = "R2", amountCents = 500 })).OkData()["refundOrder"]!;

        // then
        Assert.True(replay["replayed"]!.GetValue<bool>());
        Assert.Equal(first["refund"]!["amountCents"]!.GetValue<long>(), replay["refund"]!["amountCents"]!.GetValue<long>());
        Assert.Equal(6_000, replay["order"]!["refundedAmountCents"]!.GetValue<long>());
        Assert.Equal("IDEMPOTENCY_CONFLICT", other["errors"]![0]!["code"]!.GetValue<string>());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.OrderRefunds.CountAsync());
        Assert.Equal(40, (await _api.TotalsAsync(LoyaltyApi.MemberKey(order))).Pending);
    }

    [Fact]
    public async Task Parallel_requests_with_one_refund_id_refund_once()
    {
        // given
        var order = await TwoLineOrderAsync("POS-R3");
        var input = new { orderId = order["id"]!.GetValue<string>(), refundId = "R3", amountCents = 2_500 };

        // when
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _api.RefundAsync(input)));

        // then
        Assert.All(responses, r => Assert.Empty(r.OkData()["refundOrder"]!["errors"]!.AsArray()));
        await using var db = _gateway.Db();
        Assert.Equal(2_500, (await db.Orders.SingleAsync()).RefundedAmountCents);
        Assert.Equal(1, await db.OrderRefunds.CountAsync());
    }

    [Fact]
    public async Task Parallel_refunds_with_different_ids_never_return_more_than_was_paid()
    {
        // given: paid 100 yuan, 100 points pending
        var order = await TwoLineOrderAsync("POS-R6");
        var orderId = order["id"]!.GetValue<string>();

        // when: five different refunds of 30 yuan each at once; only three fit into 100 yuan
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _api.RefundAsync(new { orderId, refundId = $"R6-{i}", amountCents = 3_000 })));

        // then: three refunded and two refused, whatever the order they ran in; 90 yuan returned once each, 90 points cancelled
        var codes = responses.Select(r => r.OkData()["refundOrder"]!["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).SingleOrDefault("OK")).ToList();
        Assert.Equal(["OK", "OK", "OK", "REFUND_EXCEEDS_ORDER", "REFUND_EXCEEDS_ORDER"], codes.Order());
        await using var db = _gateway.Db();
        var refunds = await db.OrderRefunds.AsNoTracking().ToListAsync();
        Assert.Equal(3, refunds.Count);
        Assert.Equal(9_000, (await db.Orders.SingleAsync()).RefundedAmountCents);
        Assert.Equal(9_000, await db.OrderLines.SumAsync(l => l.RefundedCents));
        Assert.Equal(90, refunds.Sum(r => r.PointsCancelled));
        Assert.Equal(10, (await _api.TotalsAsync(LoyaltyApi.MemberKey(order))).Pending);
    }

    [Fact]
    public async Task Available_points_are_deducted_down_to_zero_and_the_shortfall_is_recorded()
    {
        // given: an order past its return window (points available at once), 80 of its 100 points already spent
        var order = await TwoLineOrderAsync("POS-R4", paidAt: DateTime.UtcNow.AddDays(-30));
        var memberId = LoyaltyApi.MemberKey(order);
        Assert.Equal(100, (await _api.TotalsAsync(memberId)).Consistent());
        Assert.Empty((await _api.RedeemAsync(memberId, 80, "spend-80")).OkData()["redeemPoints"]!["errors"]!.AsArray());

        // when
        var refund = await _api.RefundOkAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = "R4" });

        // then
        Assert.Equal(0, refund["refund"]!["pointsCancelled"]!.GetValue<long>());
        Assert.Equal(20, refund["refund"]!["pointsDeducted"]!.GetValue<long>());
        Assert.Equal(80, refund["refund"]!["pointsShortfall"]!.GetValue<long>());
        Assert.Equal(0, (await _api.TotalsAsync(memberId)).Consistent());
        await using var db = _gateway.Db();
        Assert.Equal(80, (await db.OrderRefunds.SingleAsync()).PointsShortfall);
    }

    [Fact]
    public async Task Refunding_more_than_is_left_is_refused()
    {
        // given
        var order = await TwoLineOrderAsync("POS-R5");
        var orderId = order["id"]!.GetValue<string>();
        await _api.RefundOkAsync(new { orderId, refundId = "R5-a", lines = new[] { new { lineNumber = 1, quantity = 3 } } });

        // when
        var tooManyUnits = (await _api.RefundAsync(new { orderId, refundId = "R5-b", lines = new[] { new { lineNumber = 1, quantity = 2 } } })).OkData()["refundOrder"]!;
        var tooMuchMoney = (await _api.RefundAsync(new { orderId, refundId = "R5-c", amountCents = 9_000 })).OkData()["refundOrder"]!;
        var both = (await _api.RefundAsync(new { orderId, refundId = "R5-d", amountCents = 100, lines = new[] { new { lineNumber = 2 } } })).OkData()["refundOrder"]!;

        // then
        Assert.Equal("REFUND_EXCEEDS_ORDER", tooManyUnits["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("REFUND_EXCEEDS_ORDER", tooMuchMoney["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("INVALID_INPUT", both["errors"]![0]!["code"]!.GetValue<string>());
        await using var db = _gateway.Db();
        Assert.Equal(3_000, (await db.Orders.SingleAsync()).RefundedAmountCents);
    }

    [Fact]
    public async Task An_unknown_order_is_not_found()
    {
        var payload = (await _api.RefundAsync(new { channel = "JD", channelOrderId = "nope", refundId = "R6" })).OkData()["refundOrder"]!;

        Assert.Equal("NOT_FOUND", payload["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_four_line_refund_sends_as_many_statements_as_a_one_line_refund()
    {
        // given: a one-line and a four-line order of one member at one guide's store (a commission line per order line), points pending
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id, "GREFUND7");
        var one = await GuideOrderAsync("POS-R7-1", store.Id, lines: 1);
        var four = await GuideOrderAsync("POS-R7-4", store.Id, lines: 4);
        var counter = _gateway.Service<SqlCommandCounter>();

        // when: each refunded in full
        var before = counter.Count;
        await _api.RefundOkAsync(new { orderId = one["id"]!.GetValue<string>(), refundId = "R7-1" });
        var forOne = counter.Count - before;
        before = counter.Count;
        var refund = await _api.RefundOkAsync(new { orderId = four["id"]!.GetValue<string>(), refundId = "R7-4" });
        var forFour = counter.Count - before;

        // then: the order lines, the refund's lines and the commission lines each take one statement however many lines there are
        Assert.Equal(forOne, forFour);
        Assert.Equal([1_000L, 2_000, 3_000, 4_000], refund["refund"]!["lines"]!.AsArray().Select(l => l!["amountCents"]!.GetValue<long>()));
        Assert.All(refund["order"]!["lines"]!.AsArray(), l => Assert.Equal(1, l!["refundedQuantity"]!.GetValue<int>()));
        await using var db = _gateway.Db();
        var orderId = LoyaltyApi.OrderKey(four);
        Assert.All(await db.OrderLines.Where(l => l.OrderId == orderId).ToListAsync(), l => Assert.Equal(l.PaidShareCents, l.RefundedCents));
        var commission = await db.CommissionLines.Where(c => c.OrderId == orderId).ToListAsync();
        Assert.Equal(4, commission.Count);
        Assert.All(commission, c => Assert.Equal((CommissionStatus.ClawedBack, c.AmountCents, 1), (c.Status, c.ClawedBackCents, c.Version)));
        var totals = await db.GuideCommissionTotals.SingleAsync(t => t.GuideId == guide.Id);
        Assert.Equal((0L, 10_000L * 3 / 100 + 1_000L * 3 / 100), (totals.PendingCents, totals.ClawedBackCents));
        Assert.Equal(0, (await _api.TotalsAsync(LoyaltyApi.MemberKey(four))).Consistent());
        Assert.Equal(2, await _api.AuditCountAsync("commission.clawback"));
    }

    /// <summary>An order at the guide's store with the guide's code: line i (1-based) is one unit for i x 10 yuan.</summary>
    private Task<System.Text.Json.Nodes.JsonNode> GuideOrderAsync(string id, long storeId, int lines)
    {
        var input = LoyaltyApi.Order(id, "CARD-R7", 1_000 * lines * (lines + 1) / 2, storeId: GlobalId.Encode("Store", storeId),
            lines: [.. Enumerable.Range(1, lines).Select(i => LoyaltyApi.Line($"SKU-{i}", "DOMESTIC_FRUIT", 1, 1_000 * i))]);
        input["guideCode"] = "GREFUND7";
        return _api.RecordOkAsync(input);
    }
}
