using System.Text.Json.Nodes;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Realtime;

/// <summary>
/// pointsChanged, couponUpdated and customerBound over a real WebSocket: each subscriber gets its own events,
/// only after the change committed, with authorization checked when subscribing. One gateway for the class: every test
/// subscribes as members and guides of its own.
/// </summary>
public sealed class SubscriptionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayHost _gateway = fixture.Gateway;
    private readonly TestData _data = new(fixture.Gateway);
    private readonly LoyaltyApi _api = new(fixture.Gateway);

    [Fact]
    public async Task A_member_receives_pointsChanged_for_their_own_order_and_not_for_another_members()
    {
        // given
        var card = $"CARD-{TestData.Next()}";
        var otherCard = $"CARD-{TestData.Next()}";
        var member = await _data.MemberAsync(identities: (IdentityChannel.PosCard, card));
        var other = await _data.MemberAsync(identities: (IdentityChannel.PosCard, otherCard));
        await using var mine = await ConnectAsync(_data.MemberToken(member.Id));
        await using var theirs = await ConnectAsync(_data.MemberToken(other.Id));
        await mine.SubscribeListeningAsync("p", Subscriptions.PointsChanged);
        await theirs.SubscribeListeningAsync("p", Subscriptions.PointsChanged);

        // when
        var order = await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 12_300));
        await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", otherCard, 4_500));

        // then: each hears only their own order
        var data = (await mine.NextDataAsync("p"))["pointsChanged"]!;
        Assert.Equal((0L, 123L), (data["balance"]!.GetValue<long>(), data["pending"]!.GetValue<long>()));
        Assert.Equal(("EARN", 123L, "ORDER"), (data["entry"]!["kind"]!.GetValue<string>(), data["entry"]!["pendingChange"]!.GetValue<long>(), data["entry"]!["source"]!["kind"]!.GetValue<string>()));
        Assert.Equal(order["id"]!.GetValue<string>(), data["entry"]!["source"]!["id"]!.GetValue<string>());
        var theirData = (await theirs.NextDataAsync("p"))["pointsChanged"]!;
        Assert.Equal(45L, theirData["pending"]!.GetValue<long>());
    }

    [Fact]
    public async Task Refused_and_replayed_changes_publish_nothing()
    {
        // given
        var card = $"CARD-{TestData.Next()}";
        var member = await _data.MemberAsync(identities: (IdentityChannel.PosCard, card));
        var first = LoyaltyApi.Order($"POS-{TestData.Next()}", card, 10_000);
        await _api.RecordOkAsync(first);
        await using var client = await ConnectAsync(_data.MemberToken(member.Id));
        await client.SubscribeListeningAsync("p", Subscriptions.PointsChanged);

        // when: a redemption refused for lack of points, a conflicting order, a replayed order, then a real change
        var refused = (await _api.RedeemAsync(member.Id, 500, $"key-{TestData.Next()}")).OkData()["redeemPoints"]!;
        var conflicting = new Dictionary<string, object?>(first) { ["paidAmountCents"] = 20_000L, ["lines"] = new[] { LoyaltyApi.Line("SKU-APPLE", "DOMESTIC_FRUIT", 1, 20_000) } };
        var conflict = (await _api.RecordAsync(conflicting)).OkData()["recordOrder"]!;
        var replay = (await _api.RecordAsync(first)).OkData()["recordOrder"]!;
        await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 7_700));

        // then: the refusals really were refusals, and the first event the member hears is the last order's
        Assert.Equal("INSUFFICIENT_POINTS", refused["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("ORDER_CONFLICT", conflict["errors"]![0]!["code"]!.GetValue<string>());
        Assert.True(replay["replayed"]!.GetValue<bool>());
        var data = (await client.NextDataAsync("p"))["pointsChanged"]!;
        Assert.Equal((77L, 100L + 77L), (data["entry"]!["pendingChange"]!.GetValue<long>(), data["pending"]!.GetValue<long>()));
    }

    [Fact]
    public async Task CouponUpdated_reports_issue_then_reservation_each_with_the_coupon_as_it_is_then()
    {
        // given
        var kit = new CouponKit(_gateway);
        var template = await kit.TemplateAsync();
        var member = await _data.MemberAsync();
        var token = _data.MemberToken(member.Id);
        await using var client = await ConnectAsync(token);
        await client.SubscribeListeningAsync("c", Subscriptions.CouponUpdated);

        // when
        var coupon = await kit.ClaimedAsync(template, member.Id);
        var couponId = coupon["id"]!.GetValue<string>();
        (await _gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId, orderRef = "MP-1", orderAmountCents = 12_000 } }, token)).OkData();

        // then: the second event does not answer with the coupon cached by the first
        var issued = (await client.NextDataAsync("c"))["couponUpdated"]!;
        Assert.Equal(("ISSUED", "AVAILABLE", couponId), (issued["change"]!.GetValue<string>(), issued["status"]!.GetValue<string>(), issued["coupon"]!["id"]!.GetValue<string>()));
        Assert.Equal("满100减15", issued["coupon"]!["template"]!["name"]!.GetValue<string>());
        var reserved = (await client.NextDataAsync("c"))["couponUpdated"]!;
        Assert.Equal(("RESERVED", "RESERVED", "RESERVED", "MP-1"),
            (reserved["change"]!.GetValue<string>(), reserved["status"]!.GetValue<string>(), reserved["coupon"]!["status"]!.GetValue<string>(), reserved["coupon"]!["reservedForOrderRef"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Exchanging_points_for_a_coupon_publishes_pointsChanged_once_to_that_member_and_a_refused_exchange_publishes_nothing()
    {
        // given: a member with 3,000 available points (an order paid a month ago, past its return window), another
        // member, and a coupon priced 2,000 points
        var card = $"CARD-{TestData.Next()}";
        var otherCard = $"CARD-{TestData.Next()}";
        var member = await _data.MemberAsync(identities: (IdentityChannel.PosCard, card));
        var other = await _data.MemberAsync(identities: (IdentityChannel.PosCard, otherCard));
        await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 300_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        var kit = new CouponKit(_gateway);
        var templateId = await kit.TemplateAsync(t => { t["claimable"] = false; t["pointsPrice"] = 2000; t["perMemberLimit"] = 5; });
        var token = _data.MemberToken(member.Id);
        await using var mine = await ConnectAsync(token);
        await using var theirs = await ConnectAsync(_data.MemberToken(other.Id));
        await mine.SubscribeListeningAsync("p", Subscriptions.PointsChanged);
        await theirs.SubscribeListeningAsync("p", Subscriptions.PointsChanged);

        // when: an exchange, a second one the 1,000 points left do not cover, then an order of each member
        var exchanged = (await _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = $"swap-{TestData.Next()}" }, token)).Payload("exchangePointsForCoupon");
        var refused = (await _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = $"swap-{TestData.Next()}" }, token)).Payload("exchangePointsForCoupon");
        await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 5_000));
        await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", otherCard, 4_500));

        // then: the member hears the exchange once, with the balance it left, and next their order: nothing for the
        // refusal; the other member hears only their own order
        Assert.Null(exchanged.ErrorCode());
        Assert.Equal("INSUFFICIENT_POINTS", refused.ErrorCode());
        var spent = (await mine.NextDataAsync("p"))["pointsChanged"]!;
        Assert.Equal((1_000L, 0L), (spent["balance"]!.GetValue<long>(), spent["pending"]!.GetValue<long>()));
        Assert.Equal(("REDEEM", -2_000L, 1_000L, "EXCHANGE"), (spent["entry"]!["kind"]!.GetValue<string>(), spent["entry"]!["amount"]!.GetValue<long>(),
            spent["entry"]!["balanceAfter"]!.GetValue<long>(), spent["entry"]!["source"]!["kind"]!.GetValue<string>()));
        var next = (await mine.NextDataAsync("p"))["pointsChanged"]!;
        Assert.Equal(("EARN", 1_000L, 50L), (next["entry"]!["kind"]!.GetValue<string>(), next["balance"]!.GetValue<long>(), next["pending"]!.GetValue<long>()));
        var theirData = (await theirs.NextDataAsync("p"))["pointsChanged"]!;
        Assert.Equal(("EARN", 45L), (theirData["entry"]!["kind"]!.GetValue<string>(), theirData["pending"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_full_refund_publishes_couponUpdated_for_each_coupon_it_gives_back_to_that_member_only()
    {
        // given: a member who used two coupons on an order and reserved a third for it; the window of the second closed
        // since; another member listening too
        var card = $"CARD-{TestData.Next()}";
        var orderRef = $"POS-{TestData.Next()}";
        var member = await _data.MemberAsync(identities: (IdentityChannel.PosCard, card));
        var other = await _data.MemberAsync();
        var store = await _data.StoreAsync();
        var kit = new CouponKit(_gateway);
        var templateId = await kit.TemplateAsync(t => t["perMemberLimit"] = 4);
        var token = _data.MemberToken(member.Id);
        var (used, lapsed, reserved) = (await kit.ClaimedAsync(templateId, member.Id), await kit.ClaimedAsync(templateId, member.Id), await kit.ClaimedAsync(templateId, member.Id));
        foreach (var coupon in new[] { used, lapsed })
        {
            var redeemed = (await kit.RedeemAsync(coupon.Str("code"), 20_000, orderRef, _data.StaffToken(store.Id))).Payload("redeemCoupon");
            Assert.Equal("REDEEMED", redeemed["coupon"]!.Str("status"));
        }

        var reservation = (await _gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId = reserved.Str("id"), orderRef, orderAmountCents = 20_000 } }, token)).Payload("reserveCoupon");
        Assert.Null(reservation.ErrorCode());
        await kit.SetWindowAsync(lapsed.Str("id"), DateTime.UtcNow.AddDays(-40), DateTime.UtcNow.AddDays(-1));
        var order = await _api.RecordOkAsync(LoyaltyApi.Order(orderRef, card, 20_000, storeId: CouponKit.StoreId(store.Id)));
        await using var mine = await ConnectAsync(token);
        await using var theirs = await ConnectAsync(_data.MemberToken(other.Id));
        await mine.SubscribeListeningAsync("c", Subscriptions.CouponUpdated);
        await theirs.SubscribeListeningAsync("c", Subscriptions.CouponUpdated);

        // when: the order refunded in full, then a coupon claimed by each member
        await _api.RefundOkAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = $"RF-{TestData.Next()}" });
        var claimed = await kit.ClaimedAsync(templateId, member.Id);
        var theirCoupon = await kit.ClaimedAsync(templateId, other.Id);

        // then: the member hears each coupon given back once, as it is now (usable again, or expired), then the claim;
        // the other member hears only their own claim
        var heard = new List<JsonNode>();
        for (var i = 0; i < 3; i++)
        {
            heard.Add((await mine.NextDataAsync("c"))["couponUpdated"]!);
        }

        var byCoupon = heard.ToDictionary(e => e["coupon"]!.Str("id"), e => (e.Str("change"), e.Str("status"), e["coupon"]!.Str("status")));
        Assert.Equal(("RELEASED", "AVAILABLE", "AVAILABLE"), byCoupon[used.Str("id")]);
        Assert.Equal(("RELEASED", "AVAILABLE", "AVAILABLE"), byCoupon[reserved.Str("id")]);
        Assert.Equal(("EXPIRED", "EXPIRED", "EXPIRED"), byCoupon[lapsed.Str("id")]);
        var next = (await mine.NextDataAsync("c"))["couponUpdated"]!;
        Assert.Equal(("ISSUED", claimed.Str("id")), (next.Str("change"), next["coupon"]!.Str("id")));
        var theirIssue = (await theirs.NextDataAsync("c"))["couponUpdated"]!;
        Assert.Equal(("ISSUED", theirCoupon.Str("id")), (theirIssue.Str("change"), theirIssue["coupon"]!.Str("id")));
    }

    [Fact]
    public async Task Between_events_a_subscriber_holds_no_database_connection()
    {
        // given: a member listening for coupon updates, whose events read the coupon and its template
        var gauge = _gateway.Service<OpenConnectionGauge>();
        var kit = new CouponKit(_gateway);
        var template = await kit.TemplateAsync();
        var member = await _data.MemberAsync();
        var before = gauge.Open;
        await using var client = await ConnectAsync(_data.MemberToken(member.Id));
        await client.SubscribeListeningAsync("c", Subscriptions.CouponUpdated);

        // when: an event is delivered, with data read for it
        await kit.ClaimedAsync(template, member.Id);
        var issued = (await client.NextDataAsync("c"))["couponUpdated"]!;

        // then: the socket is still open, but no connection stays with it
        Assert.Equal("满100减15", issued["coupon"]!["template"]!["name"]!.GetValue<string>());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (gauge.Open > before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(before, gauge.Open);
    }

    [Fact]
    public async Task A_guide_receives_customerBound_when_a_member_binds_them_and_other_guides_do_not()
    {
        // given
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var otherGuide = await _data.GuideAsync(store.Id);
        var member = await _data.MemberAsync();
        await using var client = await ConnectAsync(_data.GuideToken(guide));
        await using var otherClient = await ConnectAsync(_data.GuideToken(otherGuide));
        await client.SubscribeListeningAsync("b", Subscriptions.CustomerBound);
        await otherClient.SubscribeListeningAsync("b", Subscriptions.CustomerBound);

        // when
        var bound = await _gateway.GraphQLAsync("mutation($input: BindGuideInput!) { bindGuide(input: $input) { errors { code } } }",
            new { input = new { guideCode = guide.GuideCode, source = "QR_SCAN" } }, _data.MemberToken(member.Id));
        var secondMember = await _data.MemberAsync();
        await _gateway.GraphQLAsync("mutation($input: BindGuideInput!) { bindGuide(input: $input) { errors { code } } }",
            new { input = new { guideCode = otherGuide.GuideCode, source = "QR_SCAN" } }, _data.MemberToken(secondMember.Id));

        // then
        Assert.Empty(bound.OkData()["bindGuide"]!["errors"]!.AsArray());
        var data = (await client.NextDataAsync("b"))["customerBound"]!;
        Assert.Equal(("EXCLUSIVE", "QR_SCAN"), (data["kind"]!.GetValue<string>(), data["source"]!.GetValue<string>()));
        Assert.Equal(GlobalId.Encode("Member", member.Id), data["member"]!["id"]!.GetValue<string>());
        Assert.Equal(GlobalId.Encode("Guide", guide.Id), data["relationship"]!["guide"]!["id"]!.GetValue<string>());
        var otherData = (await otherClient.NextDataAsync("b"))["customerBound"]!;
        Assert.Equal(GlobalId.Encode("Member", secondMember.Id), otherData["member"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_guide_receives_commissionUpdated_for_an_order_with_their_guide_code_and_for_its_refund()
    {
        // given
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var otherGuide = await _data.GuideAsync(store.Id);
        await using var client = await ConnectAsync(_data.GuideToken(guide));
        await using var otherClient = await ConnectAsync(_data.GuideToken(otherGuide));
        await client.SubscribeListeningAsync("c", Subscriptions.CommissionUpdated);
        await otherClient.SubscribeListeningAsync("c", Subscriptions.CommissionUpdated);

        // when: apples for 100.00 with the guide's code (3%), then the whole line refunded
        var input = LoyaltyApi.Order($"POS-{TestData.Next()}", $"CARD-{TestData.Next()}", 10_000);
        input["guideCode"] = guide.GuideCode;
        var order = await _api.RecordOkAsync(input);
        await _api.RefundOkAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = $"RF-{TestData.Next()}", lines = new[] { new { lineNumber = 1, quantity = 1 } } });
        var otherInput = LoyaltyApi.Order($"POS-{TestData.Next()}", $"CARD-{TestData.Next()}", 20_000);
        otherInput["guideCode"] = otherGuide.GuideCode;
        await _api.RecordOkAsync(otherInput);

        // then
        var earned = (await client.NextDataAsync("c"))["commissionUpdated"]!;
        Assert.Equal(("EARNED", 300L, 10_000L, order["id"]!.GetValue<string>()),
            (earned["reason"]!.GetValue<string>(), earned["commissionDeltaCents"]!.GetValue<long>(), earned["amountCents"]!.GetValue<long>(), earned["orderId"]!.GetValue<string>()));
        Assert.Equal((1, "SKU-APPLE", "DOMESTIC_FRUIT"), (earned["lineNumber"]!.GetValue<int>(), earned["sku"]!.GetValue<string>(), earned["category"]!.GetValue<string>()));
        Assert.Equal((300L, 300L, 300L), (earned["totals"]!["today"]!.GetValue<long>(), earned["totals"]!["month"]!.GetValue<long>(), earned["totals"]!["pending"]!.GetValue<long>()));
        var clawedBack = (await client.NextDataAsync("c"))["commissionUpdated"]!;
        Assert.Equal(("CLAWED_BACK", -300L), (clawedBack["reason"]!.GetValue<string>(), clawedBack["commissionDeltaCents"]!.GetValue<long>()));
        Assert.Equal((0L, 300L), (clawedBack["totals"]!["pending"]!.GetValue<long>(), clawedBack["totals"]!["clawedBack"]!.GetValue<long>()));
        Assert.Equal(600L, (await otherClient.NextDataAsync("c"))["commissionUpdated"]!["commissionDeltaCents"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("member", "commissionUpdated", "AUTH_NOT_AUTHORIZED")]
    [InlineData("staff", "commissionUpdated", "AUTH_NOT_AUTHORIZED")]
    [InlineData(null, "commissionUpdated", "AUTH_NOT_AUTHENTICATED")]
    [InlineData("guide", "pointsChanged", "AUTH_NOT_AUTHORIZED")]
    [InlineData("guide", "couponUpdated", "AUTH_NOT_AUTHORIZED")]
    [InlineData("member", "customerBound", "AUTH_NOT_AUTHORIZED")]
    [InlineData("staff", "customerBound", "AUTH_NOT_AUTHORIZED")]
    [InlineData(null, "pointsChanged", "AUTH_NOT_AUTHENTICATED")]
    public async Task Subscribing_is_authorised_when_the_subscription_starts(string? role, string field, string code)
    {
        // given
        var store = await _data.StoreAsync();
        var token = role switch
        {
            "guide" => _data.GuideToken(await _data.GuideAsync(store.Id)),
            "member" => _data.MemberToken((await _data.MemberAsync()).Id),
            "staff" => _data.StaffToken(store.Id),
            _ => null,
        };
        await using var client = await ConnectAsync(token);
        var document = field switch
        {
            "pointsChanged" => Subscriptions.PointsChanged,
            "couponUpdated" => Subscriptions.CouponUpdated,
            "commissionUpdated" => Subscriptions.CommissionUpdated,
            _ => Subscriptions.CustomerBound,
        };

        // when
        await client.SubscribeAsync("s", document);

        // then
        var error = await client.ReceiveAsync();
        Assert.Equal(("error", "s"), (error!["type"]!.GetValue<string>(), error["id"]!.GetValue<string>()));
        Assert.Equal(code, error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_merged_members_token_hears_the_survivors_events()
    {
        // given: the older member survives the merge
        var card = $"CARD-{TestData.Next()}";
        var survivor = await _data.MemberAsync(createdAt: DateTime.UtcNow.AddDays(-10), identities: (IdentityChannel.PosCard, card));
        var merged = await _data.MemberAsync();
        var merge = await _gateway.GraphQLAsync("mutation($input: MergeMembersInput!) { mergeMembers(input: $input) { errors { code } } }",
            new { input = new { memberIds = new[] { GlobalId.Encode("Member", merged.Id), GlobalId.Encode("Member", survivor.Id) }, reason = "same person" } }, _data.AdminToken());
        Assert.Empty(merge.OkData()["mergeMembers"]!["errors"]!.AsArray());
        await using var client = await ConnectAsync(_data.MemberToken(merged.Id));
        await client.SubscribeListeningAsync("p", Subscriptions.PointsChanged);

        // when
        await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 5_000));

        // then
        Assert.Equal(50L, (await client.NextDataAsync("p"))["pointsChanged"]!["pending"]!.GetValue<long>());
    }

    [Fact]
    public async Task Complete_from_the_client_stops_the_events_of_that_subscription_only()
    {
        // given
        var card = $"CARD-{TestData.Next()}";
        var member = await _data.MemberAsync(identities: (IdentityChannel.PosCard, card));
        await using var client = await ConnectAsync(_data.MemberToken(member.Id));
        await client.SubscribeListeningAsync("first", Subscriptions.PointsChanged);
        await client.SubscribeListeningAsync("second", Subscriptions.PointsChanged);

        // when
        await client.SendAsync(new { id = "first", type = "complete" });
        await client.SubscribeListeningAsync("third", """subscription { pointsChanged { pending } }""");
        await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 3_000));

        // then: the two open subscriptions hear it, in subscription order; the completed one does not
        var received = new[] { await client.ReceiveAsync(), await client.ReceiveAsync() };
        Assert.Equal(["second", "third"], received.Select(m => m!["id"]!.GetValue<string>()).Order().ToArray());
        Assert.All(received, m => Assert.Equal("next", m!["type"]!.GetValue<string>()));
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync())!["type"]!.GetValue<string>());
    }

    private async Task<GraphQLWebSocketClient> ConnectAsync(string? token)
    {
        var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync(token);
        return client;
    }
}
