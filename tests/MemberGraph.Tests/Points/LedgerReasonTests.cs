using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Points;

/// <summary>
/// Members read the points ledger in the mini-program, so every reason the gateway writes is Simplified Chinese, as the
/// coupon recommendations' reasons are; the kind codes stay English, and the reason given to redeemPoints stays as given.
/// </summary>
public sealed class LedgerReasonTests : IAsyncLifetime
{
    private const string Ledger = "{ me { points { ledger(first: 20) { edges { node { kind reason } } } } } }";
    private readonly MutableTimeProvider _clock = new();
    private GatewayHost _gateway = null!;
    private LoyaltyApi _api = null!;
    private CouponKit _kit = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Points:ReturnWindowDays"] = "7" },
            services: s => s.AddSingleton<TimeProvider>(_clock));
        _api = new LoyaltyApi(_gateway);
        _kit = new CouponKit(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Every_entry_of_the_points_life_of_two_orders_reads_in_Chinese()
    {
        // given: a till order of 300.00 and a Tmall order of 100.00 by the same buyer, earned today (pending)
        var start = _clock.GetUtcNow().UtcDateTime;
        var pos = await _api.RecordOkAsync(LoyaltyApi.Order("POS-LR-1", "CARD-LR-1", 30_000, paidAt: start.AddMinutes(-1)));
        await _api.RecordOkAsync(LoyaltyApi.Order("TM-LR-2", "CARD-LR-1", 10_000, paidAt: start.AddMinutes(-1), channel: "TMALL"));
        var memberId = LoyaltyApi.MemberKey(pos);
        var token = _kit.Data.MemberToken(memberId);
        var templateId = await _kit.TemplateAsync(t => { t["claimable"] = false; t["pointsPrice"] = 50; });

        // when: 100.00 of the till order refunded inside the return window; the window closes and the points are released;
        // 50 points exchanged for a 满100减15 coupon, 10 redeemed with a reason of the caller's; two years on, the rest expires
        await _api.RefundOkAsync(new { orderId = pos["id"]!.GetValue<string>(), refundId = "RF-LR-1", amountCents = 10_000 });
        _clock.Advance(TimeSpan.FromDays(8));
        await _gateway.Service<PointsMaintenance>().ReleasePendingPointsAsync(_clock.GetUtcNow().UtcDateTime);
        var exchanged = await _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = "lr-swap" }, token);
        Assert.Empty(exchanged.Payload("exchangePointsForCoupon")["errors"]!.AsArray());
        Assert.Empty((await _api.RedeemAsync(memberId, 10, "lr-redeem", reason: "given as is")).Payload("redeemPoints")["errors"]!.AsArray());
        _clock.Advance(TimeSpan.FromDays(800));
        await _gateway.Service<PointsMaintenance>().ExpirePointsAsync(_clock.GetUtcNow().UtcDateTime);

        // then
        var entries = (await _gateway.GraphQLAsync(Ledger, token: token)).OkData()["me"]!["points"]!["ledger"]!["edges"]!.AsArray()
            .Select(e => (Kind: e!["node"]!["kind"]!.GetValue<string>(), Reason: e["node"]!["reason"]!.GetValue<string>()))
            .ToList();
        var earnedOn = start.ToString("yyyy-MM-dd");
        (string Kind, string Reason)[] expected =
        [
            ("EARN", "消费得积分：门店订单 POS-LR-1"),
            ("EARN", "消费得积分：天猫订单 TM-LR-2"),
            ("REVERSE", "退款扣回积分：门店订单 POS-LR-1（退款单 RF-LR-1）"),
            ("RELEASE", "退货期已过，积分到账"),
            ("RELEASE", "退货期已过，积分到账"),
            ("REDEEM", "积分兑换优惠券「满100减15」"),
            ("REDEEM", "given as is"),
            ("EXPIRE", $"{earnedOn} 获得的积分已过期"),
            ("EXPIRE", $"{earnedOn} 获得的积分已过期"),
        ];
        Assert.Equal(expected.Order(), entries.Order());
    }

    [Fact]
    public void Every_sales_channel_has_its_name_for_members()
    {
        var expected = new Dictionary<SalesChannel, string>
        {
            [SalesChannel.MiniProgram] = "小程序", [SalesChannel.Tmall] = "天猫", [SalesChannel.Jd] = "京东", [SalesChannel.Pos] = "门店",
            [SalesChannel.Douyin] = "抖音", [SalesChannel.Meituan] = "美团", [SalesChannel.Eleme] = "饿了么",
        };

        Assert.Equal(expected, Enum.GetValues<SalesChannel>().ToDictionary(c => c, LedgerReasons.ChannelName));
    }
}
