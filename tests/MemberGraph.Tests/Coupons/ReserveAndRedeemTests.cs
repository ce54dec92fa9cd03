using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

public sealed class ReserveAndRedeemTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;
    private CouponKit _kit = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _kit = new CouponKit(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_coupon_reserved_for_an_order_is_held_released_and_then_written_off()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var templateId = await _kit.TemplateAsync();
        var member = await _kit.Data.MemberAsync();
        var memberToken = _kit.Data.MemberToken(member.Id);
        var coupon = await _kit.ClaimedAsync(templateId, member.Id);
        var couponId = coupon.Str("id");

        // when
        var reserved = (await _gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId, orderRef = "MP-100", orderAmountCents = 12000 } }, memberToken)).Payload("reserveCoupon");
        var again = (await _gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId, orderRef = "MP-100" } }, memberToken)).Payload("reserveCoupon");
        var other = (await _gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId, orderRef = "MP-200" } }, memberToken)).Payload("reserveCoupon");
        var redeemOther = (await _kit.RedeemAsync(coupon.Str("code"), 12000, "POS-9", _kit.Data.StaffToken(store.Id))).Payload("redeemCoupon");
        var released = (await _gateway.GraphQLAsync(CouponKit.Release, new { input = new { couponId, orderRef = "MP-100" } }, memberToken)).Payload("releaseCoupon");
        var redeemed = (await _kit.RedeemAsync(coupon.Str("code"), 12000, "POS-9", _kit.Data.StaffToken(store.Id))).Payload("redeemCoupon");

        // then
        Assert.Equal(("RESERVED", "MP-100"), (reserved["coupon"]!.Str("status"), reserved["coupon"]!.Str("reservedForOrderRef")));
        Assert.Empty(again["errors"]!.AsArray());
        Assert.Equal("COUPON_RESERVED", other.ErrorCode());
        Assert.Equal("COUPON_RESERVED", redeemOther.ErrorCode());
        Assert.Equal("AVAILABLE", released["coupon"]!.Str("status"));
        Assert.Null(released["coupon"]!["reservedForOrderRef"]);
        Assert.Equal("REDEEMED", redeemed["coupon"]!.Str("status"));
        Assert.Single(await _kit.AuditAsync("reserveCoupon"));
        Assert.Single(await _kit.AuditAsync("releaseCoupon"));
        Assert.Single(await _kit.AuditAsync("redeemCoupon"));
    }

    [Fact]
    public async Task A_reserved_coupon_is_written_off_for_its_own_order()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var templateId = await _kit.TemplateAsync();
        var member = await _kit.Data.MemberAsync();
        var coupon = await _kit.ClaimedAsync(templateId, member.Id);
        var staff = _kit.Data.StaffToken(store.Id);
        await _gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { code = coupon.Str("code"), orderRef = "POS-7" } }, staff);

        // when
        var redeemed = (await _kit.RedeemAsync(coupon.Str("code").ToLowerInvariant(), 20000, "POS-7", staff)).Payload("redeemCoupon");
        var releaseAfter = (await _gateway.GraphQLAsync(CouponKit.Release, new { input = new { code = coupon.Str("code"), orderRef = "POS-7" } }, staff)).Payload("releaseCoupon");

        // then
        Assert.Empty(redeemed["errors"]!.AsArray());
        Assert.Equal(CouponKit.StoreId(store.Id), redeemed["coupon"]!["redeemedStore"]!.Str("id"));
        Assert.Equal(1500, redeemed["coupon"]!["redeemedDiscountCents"]!.GetValue<long>());
        Assert.Equal("COUPON_ALREADY_REDEEMED", releaseAfter.ErrorCode());
    }

    [Fact]
    public async Task The_threshold_is_checked_against_the_order_amount()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var templateId = await _kit.TemplateAsync(t => t["thresholdCents"] = 10000);
        var member = await _kit.Data.MemberAsync();
        var code = (await _kit.ClaimedAsync(templateId, member.Id)).Str("code");
        var staff = _kit.Data.StaffToken(store.Id);

        // when
        var below = (await _kit.RedeemAsync(code, 9999, "POS-1", staff)).Payload("redeemCoupon");
        var exactly = (await _kit.RedeemAsync(code, 10000, "POS-2", staff)).Payload("redeemCoupon");

        // then
        Assert.Equal("THRESHOLD_NOT_MET", below.ErrorCode());
        Assert.Equal("orderAmountCents", below["errors"]![0]!.Str("field"));
        Assert.Empty(exactly["errors"]!.AsArray());
        Assert.Equal("POS-2", exactly["coupon"]!.Str("redeemedOrderRef"));
    }

    [Fact]
    public async Task A_coupon_is_written_off_once_only()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var templateId = await _kit.TemplateAsync();
        var member = await _kit.Data.MemberAsync();
        var code = (await _kit.ClaimedAsync(templateId, member.Id)).Str("code");
        var staff = _kit.Data.StaffToken(store.Id);
        await _kit.RedeemAsync(code, 15000, "POS-1", staff);

        // when
        var second = (await _kit.RedeemAsync(code, 15000, "POS-1", staff)).Payload("redeemCoupon");
        var byAdmin = (await _kit.RedeemAsync(code, 15000, "POS-2", _kit.AdminToken)).Payload("redeemCoupon");

        // then
        Assert.Equal("COUPON_ALREADY_REDEEMED", second.ErrorCode());
        Assert.Equal("COUPON_ALREADY_REDEEMED", byAdmin.ErrorCode());
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_coupons_are_refused()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var templateId = await _kit.TemplateAsync(t => t["perMemberLimit"] = 2);
        var member = await _kit.Data.MemberAsync();
        var expired = await _kit.ClaimedAsync(templateId, member.Id);
        await _kit.SetWindowAsync(expired.Str("id"), DateTime.UtcNow.AddDays(-30), DateTime.UtcNow.AddMinutes(-1));
        var future = await _kit.ClaimedAsync(templateId, member.Id);
        await _kit.SetWindowAsync(future.Str("id"), DateTime.UtcNow.AddDays(1), DateTime.UtcNow.AddDays(30));
        var staff = _kit.Data.StaffToken(store.Id);

        // when
        var redeemExpired = (await _kit.RedeemAsync(expired.Str("code"), 15000, "POS-1", staff)).Payload("redeemCoupon");
        var reserveExpired = (await _gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { code = expired.Str("code"), orderRef = "MP-1" } }, _kit.Data.MemberToken(member.Id))).Payload("reserveCoupon");
        var redeemFuture = (await _kit.RedeemAsync(future.Str("code"), 15000, "POS-2", staff)).Payload("redeemCoupon");

        // then
        Assert.Equal("COUPON_EXPIRED", redeemExpired.ErrorCode());
        Assert.Equal("COUPON_EXPIRED", reserveExpired.ErrorCode());
        Assert.Equal("COUPON_NOT_USABLE", redeemFuture.ErrorCode());
    }

    [Fact]
    public async Task Staff_write_off_only_for_their_own_store_and_members_reserve_only_their_own_coupons()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var otherStore = await _kit.Data.StoreAsync();
        var templateId = await _kit.TemplateAsync();
        var member = await _kit.Data.MemberAsync();
        var stranger = await _kit.Data.MemberAsync();
        var code = (await _kit.ClaimedAsync(templateId, member.Id)).Str("code");

        // when
        var otherStoresTill = await _kit.RedeemAsync(code, 15000, "POS-1", _kit.Data.StaffToken(store.Id), storeId: CouponKit.StoreId(otherStore.Id));
        var strangersReserve = await _gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { code, orderRef = "MP-1" } }, _kit.Data.MemberToken(stranger.Id));
        var unknownCode = (await _kit.RedeemAsync("0000-0000-0000-0000", 15000, "POS-1", _kit.Data.StaffToken(store.Id))).Payload("redeemCoupon");

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", otherStoresTill.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", strangersReserve.FirstErrorCode);
        Assert.Equal("NOT_FOUND", unknownCode.ErrorCode());
        Assert.Equal(MemberGraph.Coupons.CouponStatus.Available, Assert.Single(await _kit.CouponsOfAsync(templateId)).Status);
    }

    [Fact]
    public async Task Discount_and_gift_values_are_computed_in_integer_cents()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var discount = await _kit.TemplateAsync(t => { t["value"] = new { discountRate = 85 }; t["thresholdCents"] = 0; });
        var gift = await _kit.TemplateAsync(t => { t["value"] = new { giftSku = "CUT-200G", giftDescription = "赠 西瓜果切 200g" }; t["thresholdCents"] = 5000; });
        var member = await _kit.Data.MemberAsync();
        var staff = _kit.Data.StaffToken(store.Id);

        // when
        var fifteenOff = (await _kit.RedeemAsync((await _kit.ClaimedAsync(discount, member.Id)).Str("code"), 9999, "POS-1", staff)).Payload("redeemCoupon");
        var gifted = (await _kit.RedeemAsync((await _kit.ClaimedAsync(gift, member.Id)).Str("code"), 5000, "POS-2", staff)).Payload("redeemCoupon");

        // then
        Assert.Equal(1499, fifteenOff["coupon"]!["redeemedDiscountCents"]!.GetValue<long>());
        Assert.Equal(0, gifted["coupon"]!["redeemedDiscountCents"]!.GetValue<long>());
    }
}
