using MemberGraph.Commission;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Commission;

/// <summary>
/// settleCommission moves pending to settled; today and month follow the China business calendar. The tests on a clock of
/// their own start their own gateway; the refusals share the class's.
/// </summary>
public sealed class SettlementAndCalendarTests(CommissionHost host) : IClassFixture<CommissionHost>
{
    private const string Settle = """
        mutation($input: SettleCommissionInput!) {
          settleCommission(input: $input) { settlementId settledLines settledCents guides { id commission { pending settled } } errors { code field } }
        }
        """;

    [Fact]
    public async Task Settling_moves_pending_lines_earned_before_the_date_and_a_later_refund_lowers_settled()
    {
        // given: two guides with orders; the clock moves on a day, then one more order
        var clock = new MutableTimeProvider(new DateTimeOffset(2026, 11, 10, 2, 0, 0, TimeSpan.Zero));
        await using var gateway = await CommissionHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var data = new TestData(gateway);
        var store = await data.StoreAsync();
        var (guide, other) = (await data.GuideAsync(store.Id), await data.GuideAsync(store.Id));
        var buyer = $"POS-SET-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        var first = await RecordAsync(gateway, clock, buyer, store.Id, guide.GuideCode, 10_000);
        await RecordAsync(gateway, clock, buyer, store.Id, other.GuideCode, 20_000);
        var cutOff = clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        clock.Advance(TimeSpan.FromDays(1));
        await RecordAsync(gateway, clock, buyer, store.Id, guide.GuideCode, 5_000);

        // when: the admin settles the guide's commission earned before the cut-off
        var payload = (await gateway.GraphQLAsync(Settle, new { input = new { guideId = GlobalId.Encode("Guide", guide.Id), before = cutOff } }, data.AdminToken()))
            .OkData()["settleCommission"]!;

        // then: only the guide's first order settled; the other guide untouched
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.Equal((1, 300L), (payload["settledLines"]!.GetValue<int>(), payload["settledCents"]!.GetValue<long>()));
        Assert.Equal((150L, 300L), (payload["guides"]![0]!["commission"]!["pending"]!.GetValue<long>(), payload["guides"]![0]!["commission"]!["settled"]!.GetValue<long>()));
        var api = new CommissionApi(gateway);
        Assert.Equal(new Totals(150, 450, 150, 300, 0), await api.MyTotalsAsync(data.GuideToken(guide)));
        Assert.Equal(new Totals(0, 600, 600, 0, 0), await api.MyTotalsAsync(data.GuideToken(other)));
        Assert.Equal(1, await new LoyaltyApi(gateway).AuditCountAsync("commission.settle", $"Guide:{guide.Id}"));

        // when: settling the guide again settles nothing, settling everyone settles the other guide; the settled order is refunded in full
        var again = (await gateway.GraphQLAsync(Settle, new { input = new { guideId = GlobalId.Encode("Guide", guide.Id), before = cutOff } }, data.AdminToken()))
            .OkData()["settleCommission"]!;
        var everyone = (await gateway.GraphQLAsync(Settle, new { input = new { before = cutOff } }, data.AdminToken())).OkData()["settleCommission"]!;
        await new LoyaltyApi(gateway).RefundOkAsync(new { orderId = GlobalId.Encode("Order", first), refundId = "RF-SETTLED" });

        // then: settled drops by the clawback, the line is clawed back, pending is untouched
        Assert.Equal(0, again["settledLines"]!.GetValue<int>());
        Assert.Equal((1, 600L), (everyone["settledLines"]!.GetValue<int>(), everyone["settledCents"]!.GetValue<long>()));
        Assert.Equal(new Totals(0, 600, 0, 600, 0), await api.MyTotalsAsync(data.GuideToken(other)));
        Assert.Equal(new Totals(-150, 150, 150, 0, 300), await api.MyTotalsAsync(data.GuideToken(guide)));
        Assert.Equal(CommissionStatus.ClawedBack, (await api.LinesAsync(guide.Id)).Single(l => l.OrderId == first).Status);
        await api.AssertTotalsMatchLinesAsync(guide.Id);
    }

    [Theory]
    [InlineData("future", "INVALID_INPUT", "before")]
    [InlineData("unknown guide", "NOT_FOUND", "guideId")]
    public async Task Settling_refuses_a_future_date_and_an_unknown_guide(string input, string code, string field)
    {
        var gateway = host.Gateway;
        var data = new TestData(gateway);
        var variables = input == "future"
            ? new { input = (object)new { before = DateTime.UtcNow.AddDays(1) } }
            : new { input = (object)new { guideId = GlobalId.Encode("Guide", 987_654), before = DateTime.UtcNow } };

        var payload = (await gateway.GraphQLAsync(Settle, variables, data.AdminToken())).OkData()["settleCommission"]!;

        Assert.Equal((code, field), (payload["errors"]![0]!["code"]!.GetValue<string>(), payload["errors"]![0]!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Today_and_month_follow_China_time_and_start_over_with_a_new_day_and_month()
    {
        // given: 23:30 in China on 30 November (15:30 UTC)
        var clock = new MutableTimeProvider(new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero));
        await using var gateway = await CommissionHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var data = new TestData(gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var token = data.GuideToken(guide);
        var buyer = $"POS-CAL-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        var api = new CommissionApi(gateway);
        await RecordAsync(gateway, clock, buyer, store.Id, guide.GuideCode, 10_000);
        Assert.Equal(new Totals(300, 300, 300, 0, 0), await api.MyTotalsAsync(token));

        // when: one hour later it is 00:30 on 1 December in China (still 30 November in UTC)
        clock.Advance(TimeSpan.FromHours(1));

        // then: a new day and a new month; pending stays
        Assert.Equal(new Totals(0, 0, 300, 0, 0), await api.MyTotalsAsync(token));

        // when: an order that morning, then the next day
        await RecordAsync(gateway, clock, buyer, store.Id, guide.GuideCode, 20_000);
        var morning = await api.MyTotalsAsync(token);
        clock.Advance(TimeSpan.FromDays(1));
        await RecordAsync(gateway, clock, buyer, store.Id, guide.GuideCode, 5_000);

        // then
        Assert.Equal(new Totals(600, 600, 900, 0, 0), morning);
        Assert.Equal(new Totals(150, 750, 1_050, 0, 0), await api.MyTotalsAsync(token));
    }

    [Fact]
    public async Task The_settlement_job_pays_out_a_month_once_its_settle_after_days_have_passed_and_only_once()
    {
        // given: a guide's order of 20 October and of 2 November (China time)
        var china = TimeSpan.FromHours(8);
        var clock = new MutableTimeProvider(new DateTimeOffset(2026, 10, 20, 10, 0, 0, china));
        await using var gateway = await CommissionHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var data = new TestData(gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var buyer = $"POS-JOB-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        await RecordAsync(gateway, clock, buyer, store.Id, guide.GuideCode, 10_000);
        clock.Set(new DateTimeOffset(2026, 11, 2, 10, 0, 0, china));
        await RecordAsync(gateway, clock, buyer, store.Id, guide.GuideCode, 20_000);
        const string runJob = "mutation { runJob(input: { job: \"commission-settlement\", wait: true }) { jobRun { status summary } errors { code } } }";

        // when: the job runs on 7 November, on 8 November, and once more
        clock.Set(new DateTimeOffset(2026, 11, 7, 3, 0, 0, china));
        var seventh = (await gateway.GraphQLAsync(runJob, token: data.AdminToken())).OkData()["runJob"]!["jobRun"]!;
        clock.Set(new DateTimeOffset(2026, 11, 8, 3, 0, 0, china));
        var eighth = (await gateway.GraphQLAsync(runJob, token: data.AdminToken())).OkData()["runJob"]!["jobRun"]!;
        var again = (await gateway.GraphQLAsync(runJob, token: data.AdminToken())).OkData()["runJob"]!["jobRun"]!;

        // then: October's 300 cents settle on the 8th, once; November's 600 stay pending
        Assert.All(new[] { seventh, eighth, again }, run => Assert.Equal("SUCCEEDED", run["status"]!.GetValue<string>()));
        Assert.Contains("\"lines\":0", seventh["summary"]!.GetValue<string>());
        Assert.Contains("\"lines\":1,\"cents\":300", eighth["summary"]!.GetValue<string>());
        Assert.Contains("\"lines\":0", again["summary"]!.GetValue<string>());
        var totals = await new CommissionApi(gateway).MyTotalsAsync(data.GuideToken(guide));
        Assert.Equal((600L, 300L), (totals.Pending, totals.Settled));
        Assert.Equal(1, await new LoyaltyApi(gateway).AuditCountAsync("commission.settle", $"Guide:{guide.Id}"));
    }

    private static async Task<long> RecordAsync(GatewayHost gateway, TimeProvider clock, string buyer, long storeId, string guideCode, long cents)
    {
        var (_, _, orderId) = await AttributedOrders.RecordAsync(gateway, AttributedOrders.Input(buyer, cents, storeId, guideCode,
            lines: [LoyaltyApi.Line("DOM-APPLE-1KG", "DOMESTIC_FRUIT", 1, cents)], paidAt: clock.GetUtcNow().UtcDateTime.AddMinutes(-1)));
        return orderId;
    }
}
