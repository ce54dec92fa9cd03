using MemberGraph.Commission;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Commission;

/// <summary>
/// Issue 4's path end to end, through HTTP and the WeCom stub: a customer adds a guide on WeCom (encrypted callback,
/// state = guide code), the guide sees them in the sidebar, an order carries the guide code, the guide's commission
/// moves at once, a partial refund claws back its share, and every move is a CommissionChanged event on the bus.
/// </summary>
public sealed class GuideCommissionPathTests : IAsyncLifetime
{
    private const string Sidebar = """
        query($externalUserId: String!) { sidebarContext(externalUserId: $externalUserId) { member { id } exclusiveGuide { id guideCode } canAct } }
        """;

    private WeComTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WeComTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Add_contact_then_sidebar_then_order_with_guide_code_then_commission_then_partial_refund_claws_back_in_proportion()
    {
        // given: a mini-program member adds the guide on WeCom by scanning her contact QR code (state = guide code)
        var store = await _host.Data.StoreAsync();
        var guide = await _host.Data.GuideAsync(store.Id);
        var member = await _host.Data.MemberAsync("13900002222", DateTime.UtcNow.AddDays(-10), (IdentityChannel.WechatUnionid, "uPathUnion01"));
        var external = WeComTestHost.ExternalUserId();
        _host.Stub.UnionIds[external] = "uPathUnion01";
        await _host.AddContactAsync(guide.WeComUserId, external, state: guide.GuideCode);
        var guideToken = _host.Data.GuideToken(guide);
        var api = new CommissionApi(_host.Gateway);
        var loyalty = new LoyaltyApi(_host.Gateway);
        using var events = api.Listen($"guide:{guide.Id}");

        // the guide opens the chat: the sidebar shows the member, bound to this guide
        var card = (await _host.Gateway.GraphQLAsync(Sidebar, new { externalUserId = external }, guideToken)).OkData()["sidebarContext"]!;
        Assert.Equal(GlobalId.Encode("Member", member.Id), card["member"]!["id"]!.GetValue<string>());
        Assert.Equal(guide.GuideCode, card["exclusiveGuide"]!["guideCode"]!.GetValue<string>());
        Assert.True(card["canAct"]!.GetValue<bool>());

        // when: she buys in the store with the guide's code: apples 100.00 (default 3%) and two gift boxes 200.00 (5%)
        var input = LoyaltyApi.Order("POS-PATH-1", "", 30_000, storeId: GlobalId.Encode("Store", store.Id),
            identities: [new { channel = "WECHAT_UNIONID", externalId = "uPathUnion01" }],
            lines: [LoyaltyApi.Line("DOM-APPLE-1KG", "DOMESTIC_FRUIT", 1, 10_000), LoyaltyApi.Line("GIFT-FESTIVAL", "GIFT_BOX", 2, 20_000)]);
        input["guideCode"] = guide.GuideCode;
        var order = await loyalty.RecordOkAsync(input);

        // then: the order is the member's, credited to the guide by the guide code, and the commission is there at once
        Assert.Equal(member.Id, LoyaltyApi.MemberKey(order));
        Assert.Equal(GlobalId.Encode("Guide", guide.Id), order["attributedGuideId"]!.GetValue<string>());
        Assert.Equal(new Totals(1_300, 1_300, 1_300, 0, 0), await api.MyTotalsAsync(guideToken));
        var lines = await api.MyLinesAsync(guideToken);
        Assert.Equal([(2, 1_000L, "PENDING"), (1, 300L, "PENDING")],
            lines.Select(e => (e!["node"]!["lineNumber"]!.GetValue<int>(), e["node"]!["amountCents"]!.GetValue<long>(), e["node"]!["status"]!.GetValue<string>())).ToList());

        // when: one of the two gift boxes is returned
        var refund = await loyalty.RefundOkAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = "RF-PATH-1", lines = new[] { new { lineNumber = 2, quantity = 1 } } });
        Assert.Equal(10_000, refund["refund"]!["amountCents"]!.GetValue<long>());

        // then: half the gift-box commission is clawed back; today, month and pending drop by it
        Assert.Equal(new Totals(800, 800, 800, 0, 500), await api.MyTotalsAsync(guideToken));
        var giftBox = (await api.LinesAsync(guide.Id)).Single(l => l.LineNumber == 2);
        Assert.Equal((1_000L, 500L, CommissionStatus.Pending), (giftBox.AmountCents, giftBox.ClawedBackCents, giftBox.Status));
        await api.AssertTotalsMatchLinesAsync(guide.Id);
        Assert.Equal(1, await loyalty.AuditCountAsync("commission.clawback", $"Order:{LoyaltyApi.OrderKey(order)}"));

        // and the guide's subscribers saw every move, after commit, with the totals it led to
        var changes = await events.WaitForAsync<CommissionChanged>(3);
        Assert.Equal(
            [
                (1, CommissionChangeReason.Earned, 300L, 10_000L, 300L),
                (2, CommissionChangeReason.Earned, 1_000L, 20_000L, 1_300L),
                (2, CommissionChangeReason.ClawedBack, -500L, 10_000L, 800L),
            ],
            changes.Select(c => (c.LineNumber, c.Reason, c.CommissionDeltaCents, c.AmountCents, c.Totals.Pending)).ToList());
        Assert.All(changes, c => Assert.Equal((guide.Id, LoyaltyApi.OrderKey(order)), (c.GuideId, c.OrderId)));
        Assert.Equal((ProductCategory.GiftBox, "GIFT-FESTIVAL", 800L), (changes[2].Category, changes[2].Sku, changes[2].Totals.Today));
    }
}
