using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Coupons;

/// <summary>Refunds and the coupons an order used: a full refund gives the coupon back, a partial refund keeps it used.</summary>
public sealed class CouponRefundTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;
    private CouponKit _kit = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _kit = new CouponKit(_gateway);
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_full_refund_returns_the_written_off_coupon_and_a_partial_refund_keeps_it_used()
    {
        // given: a member known by POS card who used one coupon on each of two orders
        var member = await _kit.Data.MemberAsync(null, null, (IdentityChannel.PosCard, "CARD-CR1"));
        var store = await _kit.Data.StoreAsync();
        var templateId = await _kit.TemplateAsync(t => t["perMemberLimit"] = 2);
        var first = await _kit.ClaimedAsync(templateId, member.Id);
        var second = await _kit.ClaimedAsync(templateId, member.Id);
        var staff = _kit.Data.StaffToken(store.Id);
        foreach (var (coupon, orderRef) in new[] { (first, "POS-CR1"), (second, "POS-CR2") })
        {
            var redeemed = (await _gateway.GraphQLAsync(CouponKit.Redeem, new { input = new { code = coupon.Str("code"), orderAmountCents = 20_000, orderRef } }, staff)).Payload("redeemCoupon");
            Assert.Equal("REDEEMED", redeemed["coupon"]!.Str("status"));
        }

        var storeId = MemberGraph.Domain.GlobalId.Encode("Store", store.Id);
        var fullOrder = await _api.RecordOkAsync(LoyaltyApi.Order("POS-CR1", "CARD-CR1", 20_000, storeId: storeId));
        var partialOrder = await _api.RecordOkAsync(LoyaltyApi.Order("POS-CR2", "CARD-CR1", 20_000, storeId: storeId));

        // when
        await _api.RefundOkAsync(new { orderId = fullOrder["id"]!.GetValue<string>(), refundId = "CR1-full" });
        await _api.RefundOkAsync(new { orderId = partialOrder["id"]!.GetValue<string>(), refundId = "CR2-part", amountCents = 5_000 });

        // then
        await using var db = _gateway.Db();
        var coupons = await db.Coupons.Where(c => c.MemberId == member.Id).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(MemberGraph.Coupons.CouponStatus.Available, coupons[0].Status);
        Assert.Null(coupons[0].RedeemedOrderRef);
        Assert.Equal(MemberGraph.Coupons.CouponStatus.Redeemed, coupons[1].Status);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Operation == "returnCouponOnRefund" && a.Target == $"Coupon:{coupons[0].Id}"));
    }
}
