using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>
/// <c>Coupon.usableHere</c>: for staff, whether their store's till could write the coupon off now (status and window, the
/// template's stores and channels), i.e. what <c>redeemCoupon</c> there would say but for the threshold; the store tool
/// lists a scanned member's coupons by it.
/// </summary>
public sealed class CouponUsableHereTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string ByCode = "query ($code: String!) { couponByCode(code: $code) { code status usableHere } }";

    private readonly CouponKit _kit = new(fixture.Gateway);

    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task Staff_learn_which_coupons_their_till_can_write_off_and_redeemCoupon_agrees()
    {
        // given: two stores and a member holding coupons of every kind of restriction
        var here = await _kit.Data.StoreAsync();
        var there = await _kit.Data.StoreAsync();
        var member = await _kit.Data.MemberAsync();
        var staff = _kit.Data.StaffToken(here.Id);
        async Task<string> CouponAsync(Action<Dictionary<string, object?>> template) =>
            (await _kit.ClaimedAsync(await _kit.TemplateAsync(template), member.Id)).Str("code");

        var everywhere = await CouponAsync(_ => { });
        var onlyHere = await CouponAsync(t => t["usableStoreIds"] = new[] { CouponKit.StoreId(here.Id) });
        var onlyThere = await CouponAsync(t => t["usableStoreIds"] = new[] { CouponKit.StoreId(there.Id) });
        var tillToo = await CouponAsync(t => t["usableChannels"] = new[] { "POS", "MINI_PROGRAM" });
        var deliveryOnly = await CouponAsync(t => t["usableChannels"] = new[] { "DELIVERY_PLATFORM" });
        var notYet = await CouponAsync(_ => { });
        await _kit.SetWindowAsync(await IdOfAsync(notYet, staff), DateTime.UtcNow.AddDays(1), DateTime.UtcNow.AddDays(5));
        var expired = await CouponAsync(_ => { });
        await _kit.SetWindowAsync(await IdOfAsync(expired, staff), DateTime.UtcNow.AddDays(-5), DateTime.UtcNow.AddMinutes(-1));
        var reserved = await CouponAsync(_ => { });
        await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { code = reserved, orderRef = "MP-RESERVED-1" } }, _kit.Data.MemberToken(member.Id));
        var redeemed = await CouponAsync(_ => { });
        Assert.Empty((await _kit.RedeemAsync(redeemed, 20_000, "POS-USED-1", staff)).Payload("redeemCoupon")["errors"]!.AsArray());

        var expected = new Dictionary<string, bool>
        {
            [everywhere] = true, [onlyHere] = true, [onlyThere] = false, [tillToo] = true, [deliveryOnly] = false,
            [notYet] = false, [expired] = false, [reserved] = false, [redeemed] = false,
        };

        // when
        var answers = new Dictionary<string, bool>();
        foreach (var code in expected.Keys)
        {
            answers[code] = (await Gateway.GraphQLAsync(ByCode, new { code }, staff)).OkData()["couponByCode"]!["usableHere"]!.GetValue<bool>();
        }

        // then: as listed, and the other store's till sees the store restriction the other way round
        Assert.Equal(expected, answers);
        var thereStaff = _kit.Data.StaffToken(there.Id);
        Assert.False((await Gateway.GraphQLAsync(ByCode, new { code = onlyHere }, thereStaff)).OkData()["couponByCode"]!["usableHere"]!.GetValue<bool>());
        Assert.True((await Gateway.GraphQLAsync(ByCode, new { code = onlyThere }, thereStaff)).OkData()["couponByCode"]!["usableHere"]!.GetValue<bool>());

        // and the write-off agrees: refused where usableHere said no (above the threshold), done where it said yes
        foreach (var (code, usable) in expected.Where(e => e.Key != redeemed))
        {
            var payload = (await _kit.RedeemAsync(code, 20_000, $"POS-CHECK-{code}", staff)).Payload("redeemCoupon");
            Assert.True(usable == (payload["errors"]!.AsArray().Count == 0), $"{code} usableHere={usable}: {payload.ToJsonString()}");
        }
    }

    [Fact]
    public async Task The_scanned_members_coupons_say_whether_this_till_can_take_them()
    {
        // given: a member showing their member code at a store they never bought at
        var here = await _kit.Data.StoreAsync();
        var there = await _kit.Data.StoreAsync();
        var member = await _kit.Data.MemberAsync();
        var usable = (await _kit.ClaimedAsync(await _kit.TemplateAsync(), member.Id)).Str("code");
        var elsewhere = (await _kit.ClaimedAsync(await _kit.TemplateAsync(t => t["usableStoreIds"] = new[] { CouponKit.StoreId(there.Id) }), member.Id)).Str("code");
        var memberCode = (await Gateway.GraphQLAsync("{ me { memberCode { code } } }", null, _kit.Data.MemberToken(member.Id))).OkData()["me"]!["memberCode"]!.Str("code");

        // when
        var answer = await Gateway.GraphQLAsync(
            "query ($code: String!) { memberByCode(code: $code) { coupons(status: AVAILABLE) { edges { node { code usableHere } } } } }",
            new { code = memberCode }, _kit.Data.StaffToken(here.Id));

        // then
        var coupons = answer.OkData()["memberByCode"]!["coupons"]!["edges"]!.AsArray()
            .ToDictionary(e => e!["node"]!.Str("code"), e => e!["node"]!["usableHere"]!.GetValue<bool>());
        Assert.Equal(new Dictionary<string, bool> { [usable] = true, [elsewhere] = false }, coupons);
    }

    [Fact]
    public async Task Only_staff_may_select_it_for_anyone_else_the_document_is_refused()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var guide = await _kit.Data.GuideAsync(store.Id);
        var member = await _kit.Data.MemberAsync();
        await _kit.Data.RelationshipAsync(member.Id, guide.Id);
        var code = (await _kit.ClaimedAsync(await _kit.TemplateAsync(), member.Id)).Str("code");
        var memberId = CouponKit.MemberId(member.Id);

        // when
        var asMember = await Gateway.GraphQLAsync("{ me { coupons { edges { node { code usableHere } } } } }", null, _kit.Data.MemberToken(member.Id));
        var asGuide = await Gateway.GraphQLAsync("query ($id: ID!) { member(id: $id) { coupons { edges { node { usableHere } } } } }", new { id = memberId }, _kit.Data.GuideToken(guide));
        var asAdmin = await Gateway.GraphQLAsync(ByCode, new { code }, _kit.AdminToken);

        // then
        foreach (var answer in new[] { asMember, asGuide, asAdmin })
        {
            Assert.True(answer.FirstErrorCode == "AUTH_NOT_AUTHORIZED", answer.Body);
            Assert.True(answer.Data is null, answer.Body); // refused before anything ran: no data at all
        }
    }

    private async Task<string> IdOfAsync(string code, string staffToken) =>
        (await Gateway.GraphQLAsync("query ($code: String!) { couponByCode(code: $code) { id } }", new { code }, staffToken)).OkData()["couponByCode"]!.Str("id");
}
