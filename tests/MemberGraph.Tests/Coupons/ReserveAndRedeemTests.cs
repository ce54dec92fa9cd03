using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

public sealed class ReserveAndRedeemTests : CouponGatewayTests
{
    [Fact]
    public async Task A_coupon_reserved_for_an_order_is_held_released_and_then_written_off()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();
        var memberToken = Kit.Data.MemberToken(member.Id);
        var coupon = await Kit.ClaimedAsync(templateId, member.Id);
        var couponId = coupon.Str("id");

        // when
        var reserved = (await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId, orderRef = "MP-100", orderAmountCents = 12000 } }, memberToken)).Payload("reserveCoupon");
        var again = (await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId, orderRef = "MP-100" } }, memberToken)).Payload("reserveCoupon");
        var other = (await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId, orderRef = "MP-200" } }, memberToken)).Payload("reserveCoupon");
        var redeemOther = (await Kit.RedeemAsync(coupon.Str("code"), 12000, "POS-9", Kit.Data.StaffToken(store.Id))).Payload("redeemCoupon");
        var released = (await Gateway.GraphQLAsync(CouponKit.Release, new { input = new { couponId, orderRef = "MP-100" } }, memberToken)).Payload("releaseCoupon");
        var redeemed = (await Kit.RedeemAsync(coupon.Str("code"), 12000, "POS-9", Kit.Data.StaffToken(store.Id))).Payload("redeemCoupon");

        // then
        Assert.Equal(("RESERVED", "MP-100"), (reserved["coupon"]!.Str("status"), reserved["coupon"]!.Str("reservedForOrderRef")));
        Assert.Empty(again["errors"]!.AsArray());
        Assert.Equal("COUPON_RESERVED", other.ErrorCode());
        Assert.Equal("COUPON_RESERVED", redeemOther.ErrorCode());
        Assert.Equal("AVAILABLE", released["coupon"]!.Str("status"));
        Assert.Null(released["coupon"]!["reservedForOrderRef"]);
        Assert.Equal("REDEEMED", redeemed["coupon"]!.Str("status"));
        Assert.Single(await Kit.AuditAsync("reserveCoupon"));
        Assert.Single(await Kit.AuditAsync("releaseCoupon"));
        Assert.Single(await Kit.AuditAsync("redeemCoupon"));
    }

    [Fact]
    public async Task A_reserved_coupon_is_written_off_for_its_own_order()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();
        var coupon = await Kit.ClaimedAsync(templateId, member.Id);
        var staff = Kit.Data.StaffToken(store.Id);
        await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { code = coupon.Str("code"), orderRef = "POS-7" } }, staff);

        // when
        var redeemed = (await Kit.RedeemAsync(coupon.Str("code").ToLowerInvariant(), 20000, "POS-7", staff)).Payload("redeemCoupon");
        var releaseAfter = (await Gateway.GraphQLAsync(CouponKit.Release, new { input = new { code = coupon.Str("code"), orderRef = "POS-7" } }, staff)).Payload("releaseCoupon");

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
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync(t => t["thresholdCents"] = 10000);
        var member = await Kit.Data.MemberAsync();
        var code = (await Kit.ClaimedAsync(templateId, member.Id)).Str("code");
        var staff = Kit.Data.StaffToken(store.Id);

        // when
        var below = (await Kit.RedeemAsync(code, 9999, "POS-1", staff)).Payload("redeemCoupon");
        var exactly = (await Kit.RedeemAsync(code, 10000, "POS-2", staff)).Payload("redeemCoupon");

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
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();
        var code = (await Kit.ClaimedAsync(templateId, member.Id)).Str("code");
        var staff = Kit.Data.StaffToken(store.Id);
        await Kit.RedeemAsync(code, 15000, "POS-1", staff);

        // when: another order at the same till (the same order again is a retry, answered as a replay: RedeemRetryTests)
        var second = (await Kit.RedeemAsync(code, 15000, "POS-3", staff)).Payload("redeemCoupon");
        var byAdmin = (await Kit.RedeemAsync(code, 15000, "POS-2", Kit.AdminToken)).Payload("redeemCoupon");

        // then
        Assert.Equal("COUPON_ALREADY_REDEEMED", second.ErrorCode());
        Assert.Equal("COUPON_ALREADY_REDEEMED", byAdmin.ErrorCode());
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_coupons_are_refused()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync(t => t["perMemberLimit"] = 2);
        var member = await Kit.Data.MemberAsync();
        var expired = await Kit.ClaimedAsync(templateId, member.Id);
        await Kit.SetWindowAsync(expired.Str("id"), DateTime.UtcNow.AddDays(-30), DateTime.UtcNow.AddMinutes(-1));
        var future = await Kit.ClaimedAsync(templateId, member.Id);
        await Kit.SetWindowAsync(future.Str("id"), DateTime.UtcNow.AddDays(1), DateTime.UtcNow.AddDays(30));
        var staff = Kit.Data.StaffToken(store.Id);

        // when
        var redeemExpired = (await Kit.RedeemAsync(expired.Str("code"), 15000, "POS-1", staff)).Payload("redeemCoupon");
        var reserveExpired = (await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { code = expired.Str("code"), orderRef = "MP-1" } }, Kit.Data.MemberToken(member.Id))).Payload("reserveCoupon");
        var redeemFuture = (await Kit.RedeemAsync(future.Str("code"), 15000, "POS-2", staff)).Payload("redeemCoupon");

        // then
        Assert.Equal("COUPON_EXPIRED", redeemExpired.ErrorCode());
        Assert.Equal("COUPON_EXPIRED", reserveExpired.ErrorCode());
        Assert.Equal("COUPON_NOT_USABLE", redeemFuture.ErrorCode());
    }

    [Fact]
    public async Task Staff_write_off_only_for_their_own_store_and_members_reserve_only_their_own_coupons()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var otherStore = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();
        var stranger = await Kit.Data.MemberAsync();
        var code = (await Kit.ClaimedAsync(templateId, member.Id)).Str("code");

        // when
        var otherStoresTill = await Kit.RedeemAsync(code, 15000, "POS-1", Kit.Data.StaffToken(store.Id), storeId: CouponKit.StoreId(otherStore.Id));
        var strangersReserve = await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { code, orderRef = "MP-1" } }, Kit.Data.MemberToken(stranger.Id));
        var unknownCode = (await Kit.RedeemAsync("0000-0000-0000-0000", 15000, "POS-1", Kit.Data.StaffToken(store.Id))).Payload("redeemCoupon");

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", otherStoresTill.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", strangersReserve.FirstErrorCode);
        Assert.Equal("NOT_FOUND", unknownCode.ErrorCode());
        Assert.Equal(MemberGraph.Coupons.CouponStatus.Available, Assert.Single(await Kit.CouponsOfAsync(templateId)).Status);
    }

    [Fact]
    public async Task Discount_and_gift_values_are_computed_in_integer_cents()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var discount = await Kit.TemplateAsync(t => { t["value"] = new { discountRate = 85 }; t["thresholdCents"] = 0; });
        var gift = await Kit.TemplateAsync(t => { t["value"] = new { giftSku = "CUT-200G", giftDescription = "赠 西瓜果切 200g" }; t["thresholdCents"] = 5000; });
        var member = await Kit.Data.MemberAsync();
        var staff = Kit.Data.StaffToken(store.Id);

        // when
        var fifteenOff = (await Kit.RedeemAsync((await Kit.ClaimedAsync(discount, member.Id)).Str("code"), 9999, "POS-1", staff)).Payload("redeemCoupon");
        var gifted = (await Kit.RedeemAsync((await Kit.ClaimedAsync(gift, member.Id)).Str("code"), 5000, "POS-2", staff)).Payload("redeemCoupon");

        // then
        Assert.Equal(1499, fifteenOff["coupon"]!["redeemedDiscountCents"]!.GetValue<long>());
        Assert.Equal(0, gifted["coupon"]!["redeemedDiscountCents"]!.GetValue<long>());
    }
}
