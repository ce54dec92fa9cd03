using MemberGraph.Commission;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Commission;

/// <summary>Commission stays exact under replays, parallel orders, unattributed orders and successive refunds.</summary>
public abstract class CommissionConsistencyTests(CommissionHost host)
{
    public sealed class OnSqlite(CommissionHost host) : CommissionConsistencyTests(host), IClassFixture<CommissionHost>;

    public sealed class OnPostgres(PostgresCommissionHost host) : CommissionConsistencyTests(host), IClassFixture<PostgresCommissionHost>;

    [Fact]
    public async Task An_unattributed_order_earns_no_commission_and_moves_no_totals()
    {
        // given: a member without any guide
        var data = new TestData(host.Gateway);
        var store = await data.StoreAsync();
        var buyer = $"POS-NONE-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));

        // when
        var (guideId, source, orderId) = await AttributedOrders.RecordAsync(host.Gateway, AttributedOrders.Input(buyer, storeId: store.Id));

        // then
        Assert.Equal((null, "NONE"), (guideId, source));
        await using var db = host.Gateway.Db();
        Assert.False(await db.CommissionLines.AnyAsync(l => l.OrderId == orderId));
        Assert.DoesNotContain("commission", (await db.AuditEntries.SingleAsync(a => a.Operation == "recordOrder" && a.Target == $"Order:{orderId}")).Detail);
    }

    [Fact]
    public async Task Replaying_an_order_sequentially_and_in_parallel_pays_its_commission_once()
    {
        // given
        var data = new TestData(host.Gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var buyer = $"POS-REPLAY-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        var input = AttributedOrders.Input(buyer, 20_000, store.Id, guide.GuideCode,
            lines: [LoyaltyApi.Line("DOM-APPLE-1KG", "DOMESTIC_FRUIT", 1, 10_000), LoyaltyApi.Line("DOM-PEAR-1KG", "DOMESTIC_FRUIT", 1, 10_000)]);
        var api = new CommissionApi(host.Gateway);
        using var events = api.Listen($"guide:{guide.Id}");

        // when: the channel sends the order eight times at once, then once more
        var token = new LoyaltyApi(host.Gateway).IngestionToken();
        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.Gateway.GraphQLAsync(AttributedOrders.RecordOrder, new { input }, token)));
        var again = AttributedOrders.Payload(await host.Gateway.GraphQLAsync(AttributedOrders.RecordOrder, new { input }, token));

        // then: one recording, seven replays and one more; two commission lines; totals counted once; one event per line
        var payloads = parallel.Select(AttributedOrders.Payload).ToList();
        Assert.All(payloads, p => Assert.Empty(p["errors"]!.AsArray()));
        Assert.Equal(1, payloads.Count(p => !p["replayed"]!.GetValue<bool>()));
        Assert.True(again["replayed"]!.GetValue<bool>());
        Assert.Equal(2, (await api.LinesAsync(guide.Id)).Count);
        Assert.Equal(new Totals(600, 600, 600, 0, 0), await api.MyTotalsAsync(data.GuideToken(guide)));
        await Task.Delay(200);
        Assert.Equal(2, events.All<CommissionChanged>().Count);
    }

    [Fact]
    public async Task Parallel_orders_for_one_guide_keep_exact_totals()
    {
        // given: 24 customers of one guide, each buying at once
        const int Orders = 24;
        var data = new TestData(host.Gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var buyers = new List<string>();
        for (var i = 0; i < Orders; i++)
        {
            var buyer = $"POS-PAR-{TestData.Next()}";
            var member = await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
            await data.RelationshipAsync(member.Id, guide.Id);
            buyers.Add(buyer);
        }

        // when: half carry the guide code, half are attributed through the exclusive guide; amounts differ per order
        var results = await Task.WhenAll(buyers.Select((buyer, i) => AttributedOrders.RecordAsync(host.Gateway,
            AttributedOrders.Input(buyer, 10_000 + i * 100, store.Id, i % 2 == 0 ? guide.GuideCode : null,
                lines: [LoyaltyApi.Line("DOM-APPLE-1KG", "DOMESTIC_FRUIT", 1, 10_000 + i * 100)]))));

        // then: every order credited; the totals are exactly the sum of the lines
        Assert.All(results, r => Assert.Equal(guide.Id, r.GuideId));
        var expected = Enumerable.Range(0, Orders).Sum(i => (10_000L + i * 100) * 300 / 10_000);
        var api = new CommissionApi(host.Gateway);
        Assert.Equal(expected, (await api.LinesAsync(guide.Id)).Sum(l => l.AmountCents));
        Assert.Equal(new Totals(expected, expected, expected, 0, 0), await api.MyTotalsAsync(data.GuideToken(guide)));
        await api.AssertTotalsMatchLinesAsync(guide.Id);
    }

    [Fact]
    public async Task Successive_partial_refunds_claw_back_exactly_the_whole_commission_and_then_nothing_more()
    {
        // given: one line of 99.99 earning 2.99 (3%, rounded down)
        var data = new TestData(host.Gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var buyer = $"POS-CLAW-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        var (_, _, orderId) = await AttributedOrders.RecordAsync(host.Gateway, AttributedOrders.Input(buyer, 9_999, store.Id, guide.GuideCode,
            lines: [LoyaltyApi.Line("DOM-APPLE-1KG", "DOMESTIC_FRUIT", 3, 9_999)]));
        var loyalty = new LoyaltyApi(host.Gateway);
        var api = new CommissionApi(host.Gateway);
        var order = MemberGraph.Domain.GlobalId.Encode("Order", orderId);

        // when: three refunds by amount (33.33 each), the last one replayed
        var clawed = new List<long>();
        foreach (var refundId in new[] { "R1", "R2", "R3", "R3" })
        {
            await loyalty.RefundOkAsync(new { orderId = order, refundId, amountCents = 3_333L });
            clawed.Add((await api.LinesAsync(guide.Id)).Single().ClawedBackCents);
        }

        // then: floor(299 * refunded / paid) on the running total, the last refund takes the rest, the replay nothing
        Assert.Equal([99L, 199L, 299L, 299L], clawed);
        var line = (await api.LinesAsync(guide.Id)).Single();
        Assert.Equal(CommissionStatus.ClawedBack, line.Status);
        Assert.Equal(new Totals(0, 0, 0, 0, 299), await api.MyTotalsAsync(data.GuideToken(guide)));
        Assert.Equal(3, await loyalty.AuditCountAsync("commission.clawback", $"Order:{orderId}"));
    }

    [Fact]
    public async Task A_full_refund_of_an_order_without_commission_touches_no_guide()
    {
        // given: an order credited to a guide under NoCommission would have no lines; here an unattributed order
        var data = new TestData(host.Gateway);
        var store = await data.StoreAsync();
        var buyer = $"POS-NOCLAW-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        var (_, _, orderId) = await AttributedOrders.RecordAsync(host.Gateway, AttributedOrders.Input(buyer, storeId: store.Id));

        // when
        await new LoyaltyApi(host.Gateway).RefundOkAsync(new { orderId = MemberGraph.Domain.GlobalId.Encode("Order", orderId), refundId = "RF-ALL" });

        // then
        Assert.Equal(0, await new LoyaltyApi(host.Gateway).AuditCountAsync("commission.clawback", $"Order:{orderId}"));
    }
}
