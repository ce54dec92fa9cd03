using System.Text.Json.Nodes;
using MemberGraph.Coupons;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>
/// A coupon's history keeps what its current columns forget: a full refund gives the coupon back and clears the
/// write-off from the coupon, but not from its history.
/// </summary>
public sealed class CouponHistoryTests : CouponGatewayTests
{
    private const string ByNode = """
        query($id: ID!) {
          node(id: $id) {
            ... on Coupon {
              status redeemedAt redeemedOrderRef redeemedDiscountCents
              history { totalCount edges { node { event at store { id } orderRef orderAmountCents discountCents } } }
            }
          }
        }
        """;

    [Fact]
    public async Task A_full_refund_gives_the_coupon_back_and_its_history_keeps_the_write_off()
    {
        // given: reserved at the till, released, written off on order POS-H1 (200.00, 15.00 off), then the order refunded in full
        var member = await Kit.Data.MemberAsync(null, null, (IdentityChannel.PosCard, "CARD-H1"));
        var store = await Kit.Data.StoreAsync();
        var storeId = CouponKit.StoreId(store.Id);
        var staff = Kit.Data.StaffToken(store.Id);
        var coupon = await Kit.ClaimedAsync(await Kit.TemplateAsync(), member.Id);
        var code = coupon.Str("code");
        await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { code, orderRef = "POS-H0" } }, staff);
        await Gateway.GraphQLAsync(CouponKit.Release, new { input = new { code, orderRef = "POS-H0" } }, staff);
        Assert.Equal("REDEEMED", (await Kit.RedeemAsync(code, 20_000, "POS-H1", staff)).Payload("redeemCoupon")["coupon"]!.Str("status"));
        var api = new LoyaltyApi(Gateway);
        var order = await api.RecordOkAsync(LoyaltyApi.Order("POS-H1", "CARD-H1", 20_000, storeId: storeId));

        // when
        await api.RefundOkAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = "H1-full" });

        // then: usable again now, and every step is kept, where and for which order
        var asMember = await CouponAsync(coupon.Str("id"), Kit.Data.MemberToken(member.Id));
        var asStaff = await CouponAsync(coupon.Str("id"), staff);
        Assert.Equal("AVAILABLE", asMember.Str("status"));
        Assert.Null(asMember["redeemedAt"]);
        Assert.Null(asMember["redeemedOrderRef"]);
        var history = Entries(asMember);
        Assert.Equal(new[] { "ISSUED", "RESERVED", "RELEASED", "REDEEMED", "RESTORED" }, history.Select(e => e.Str("event")));
        Assert.Equal(new string?[] { null, storeId, storeId, storeId, storeId }, history.Select(e => e["store"]?["id"]?.GetValue<string>()));
        Assert.Equal(new string?[] { null, "POS-H0", "POS-H0", "POS-H1", "POS-H1" }, history.Select(e => e["orderRef"]?.GetValue<string>()));
        Assert.Equal((20_000, 1_500), (history[3]["orderAmountCents"]!.GetValue<long>(), history[3]["discountCents"]!.GetValue<long>()));
        Assert.Equal((20_000, 1_500), (history[4]["orderAmountCents"]!.GetValue<long>(), history[4]["discountCents"]!.GetValue<long>()));
        Assert.True(DateTime.Parse(history[4].Str("at"), null, System.Globalization.DateTimeStyles.RoundtripKind) >=
                    DateTime.Parse(history[3].Str("at"), null, System.Globalization.DateTimeStyles.RoundtripKind));
        Assert.Equal(5, asMember["history"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(asMember["history"]!.ToJsonString(), asStaff["history"]!.ToJsonString());
    }

    [Fact]
    public async Task The_expiry_step_adds_EXPIRED_and_a_refused_write_off_adds_nothing()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var member = await Kit.Data.MemberAsync();
        var coupon = await Kit.ClaimedAsync(await Kit.TemplateAsync(t => t["validity"] = new { daysAfterIssue = 7 }), member.Id);
        var belowThreshold = (await Kit.RedeemAsync(coupon.Str("code"), 5_000, "POS-E1", Kit.Data.StaffToken(store.Id))).Payload("redeemCoupon");

        // when
        await Gateway.Service<CouponExpiry>().ExpireCouponsAsync(DateTime.UtcNow.AddDays(8), CancellationToken.None);

        // then
        Assert.Equal("THRESHOLD_NOT_MET", belowThreshold.ErrorCode());
        var history = Entries(await CouponAsync(coupon.Str("id"), Kit.AdminToken));
        Assert.Equal(new[] { "ISSUED", "EXPIRED" }, history.Select(e => e.Str("event")));
    }

    [Fact]
    public async Task The_history_is_read_with_the_coupon_and_refused_with_it()
    {
        // given
        var member = await Kit.Data.MemberAsync();
        var stranger = await Kit.Data.MemberAsync();
        var coupon = await Kit.ClaimedAsync(await Kit.TemplateAsync(), member.Id);

        // when
        var response = await Gateway.GraphQLAsync(ByNode, new { id = coupon.Str("id") }, Kit.Data.MemberToken(stranger.Id));

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", response.FirstErrorCode);
        Assert.Null(response.Data?["node"]);
    }

    private async Task<JsonNode> CouponAsync(string id, string token) =>
        (await Gateway.GraphQLAsync(ByNode, new { id }, token)).OkData()["node"]!;

    private static List<JsonNode> Entries(JsonNode coupon) =>
        coupon["history"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
}
