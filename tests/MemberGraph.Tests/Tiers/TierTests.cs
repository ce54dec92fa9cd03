using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Tiers;

public sealed class TierTests : IAsyncLifetime
{
    private const string Recompute = "mutation($input: RecomputeTiersInput!) { recomputeTiers(input: $input) { changed errors { code } } }";
    private readonly MutableTimeProvider _clock = new();
    private GatewayHost _gateway = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tiers:WindowMonths"] = "12",
            ["Tiers:Levels:0:Name"] = "普通",
            ["Tiers:Levels:0:Growth"] = "0",
            ["Tiers:Levels:1:Name"] = "银卡",
            ["Tiers:Levels:1:Growth"] = "100000",
            ["Tiers:Levels:2:Name"] = "金卡",
            ["Tiers:Levels:2:Growth"] = "500000",
            ["Tiers:Levels:3:Name"] = "黑金",
            ["Tiers:Levels:3:Growth"] = "2000000",
        }, services: s => s.AddSingleton<TimeProvider>(_clock));
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<JsonNode> TierAsync(long memberId) =>
        (await _gateway.GraphQLAsync("{ me { tier { level name growth nextLevelGrowth nextLevelName } } }", token: new TestData(_gateway).MemberToken(memberId)))
        .OkData()["me"]!["tier"]!;

    [Fact]
    public async Task A_member_without_orders_is_at_the_base_level()
    {
        var member = await new TestData(_gateway).MemberAsync(phone: "13700000001");

        var tier = await TierAsync(member.Id);

        Assert.Equal((0, "普通", 0L, 100_000L), (tier["level"]!.GetValue<int>(), tier["name"]!.GetValue<string>(), tier["growth"]!.GetValue<long>(), tier["nextLevelGrowth"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Orders_on_every_channel_add_up_and_upgrade_at_once()
    {
        // given
        var now = _clock.GetUtcNow().UtcDateTime.AddMinutes(-5);
        var first = await _api.RecordOkAsync(LoyaltyApi.Order("TM-T1", "CARD-T1", 300_000, channel: "TMALL", paidAt: now));
        var memberId = LoyaltyApi.MemberKey(first);
        Assert.Equal(1, (await TierAsync(memberId))["level"]!.GetValue<int>());

        // when
        await _api.RecordOkAsync(LoyaltyApi.Order("POS-T1", "CARD-T1", 200_000, paidAt: now));

        // then
        var tier = await TierAsync(memberId);
        Assert.Equal((2, "金卡", 500_000L, 2_000_000L, "黑金"), (tier["level"]!.GetValue<int>(), tier["name"]!.GetValue<string>(), tier["growth"]!.GetValue<long>(),
            tier["nextLevelGrowth"]!.GetValue<long>(), tier["nextLevelName"]!.GetValue<string>()));
        await using var db = _gateway.Db();
        var changes = await db.TierChanges.Where(c => c.MemberId == memberId).OrderBy(c => c.Id).Select(c => new { c.FromLevel, c.ToLevel, c.Reason }).ToListAsync();
        Assert.Equal([new { FromLevel = 0, ToLevel = 1, Reason = TierChangeReason.Order }, new { FromLevel = 1, ToLevel = 2, Reason = TierChangeReason.Order }], changes);
    }

    [Fact]
    public async Task A_refund_lowers_growth_but_the_level_only_drops_at_the_recompute()
    {
        // given
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-T2", "CARD-T2", 150_000, paidAt: _clock.GetUtcNow().UtcDateTime.AddMinutes(-5)));
        var memberId = LoyaltyApi.MemberKey(order);
        await _api.RefundOkAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = "T2", amountCents = 100_000 });

        // when
        var beforeRecompute = await TierAsync(memberId);
        var recomputed = await _gateway.GraphQLAsync(Recompute, new { input = new { } }, new TestData(_gateway).AdminToken());
        var after = await TierAsync(memberId);

        // then
        Assert.Equal((1, 50_000L), (beforeRecompute["level"]!.GetValue<int>(), beforeRecompute["growth"]!.GetValue<long>()));
        Assert.Equal(1, recomputed.OkData()["recomputeTiers"]!["changed"]!.GetValue<int>());
        Assert.Equal((0, "普通"), (after["level"]!.GetValue<int>(), after["name"]!.GetValue<string>()));
        await using var db = _gateway.Db();
        Assert.Equal(TierChangeReason.Recompute, (await db.TierChanges.OrderBy(c => c.Id).LastAsync(c => c.MemberId == memberId)).Reason);
        Assert.Equal(1, await _api.AuditCountAsync("recomputeTiers"));
    }

    [Fact]
    public async Task Growth_is_a_rolling_window_so_old_orders_fall_out_at_the_recompute()
    {
        // given
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-T3", "CARD-T3", 600_000, paidAt: _clock.GetUtcNow().UtcDateTime.AddMinutes(-5)));
        var memberId = LoyaltyApi.MemberKey(order);
        var stale = await _api.RecordOkAsync(LoyaltyApi.Order("POS-T4", "CARD-T4", 600_000, paidAt: _clock.GetUtcNow().UtcDateTime.AddMonths(-13)));
        Assert.Equal(2, (await TierAsync(memberId))["level"]!.GetValue<int>());
        Assert.Equal(0, (await TierAsync(LoyaltyApi.MemberKey(stale)))["level"]!.GetValue<int>());

        // when: eleven months on nothing changes; thirteen months on the order has left the window
        _clock.Advance(TimeSpan.FromDays(335));
        var elevenMonths = await _gateway.Service<TierService>().RecomputeTiersAsync(_clock.GetUtcNow().UtcDateTime);
        _clock.Advance(TimeSpan.FromDays(60));
        var thirteenMonths = await _gateway.GraphQLAsync(Recompute, new { input = new { memberId = GlobalId.Encode("Member", memberId) } }, new TestData(_gateway).AdminToken());

        // then
        Assert.Equal(0, elevenMonths);
        Assert.Equal(1, thirteenMonths.OkData()["recomputeTiers"]!["changed"]!.GetValue<int>());
        var tier = await TierAsync(memberId);
        Assert.Equal((0, 0L), (tier["level"]!.GetValue<int>(), tier["growth"]!.GetValue<long>()));
    }
}
