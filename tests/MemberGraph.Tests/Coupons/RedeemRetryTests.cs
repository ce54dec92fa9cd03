using MemberGraph.Data;
using MemberGraph.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>A till that timed out and sends the same write-off again gets the first write-off back, never a refusal or a second one.</summary>
public abstract class RedeemRetryTests(DatabaseKind database) : CouponGatewayTests(database)
{
    public sealed class OnSqlite() : RedeemRetryTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : RedeemRetryTests(DatabaseKind.Postgres);

    private const string Redeem = """
        mutation ($input: RedeemCouponInput!) {
          redeemCoupon(input: $input) { replayed coupon { id status redeemedAt redeemedOrderRef redeemedOrderAmountCents redeemedDiscountCents redeemedStore { id } } errors { code field } }
        }
        """;

    [Fact]
    public async Task The_same_write_off_asked_again_answers_the_first_one_and_another_order_is_refused()
    {
        // given: 满100减15 written off on a 150.00 order
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();
        var code = (await Kit.ClaimedAsync(templateId, member.Id)).Str("code");
        var staff = Kit.Data.StaffToken(store.Id);
        var first = await RedeemAsync(code, 15_000, "POS-R1", staff);

        // when
        var retry = await RedeemAsync(code, 15_000, "POS-R1", staff);
        var otherOrder = await RedeemAsync(code, 15_000, "POS-R2", staff);
        var otherAmount = await RedeemAsync(code, 20_000, "POS-R1", staff);

        // then: the retry is the first write-off (same coupon, time, order, amount 15000 and 1500 off); nothing else happened
        Assert.False(first["replayed"]!.GetValue<bool>());
        Assert.Empty(retry["errors"]!.AsArray());
        Assert.True(retry["replayed"]!.GetValue<bool>());
        Assert.Equal(first["coupon"]!.ToJsonString(), retry["coupon"]!.ToJsonString());
        Assert.Equal(1_500, retry["coupon"]!["redeemedDiscountCents"]!.GetValue<long>());
        Assert.Equal("COUPON_ALREADY_REDEEMED", otherOrder.ErrorCode());
        Assert.False(otherOrder["replayed"]!.GetValue<bool>());
        Assert.Equal("COUPON_ALREADY_REDEEMED", otherAmount.ErrorCode());
        Assert.Single(await Kit.AuditAsync("redeemCoupon"));
        var coupon = Assert.Single(await Kit.CouponsOfAsync(templateId));
        Assert.Equal(("POS-R1", 15_000L, 1_500L), (coupon.RedeemedOrderRef, coupon.RedeemedOrderAmountCents!.Value, coupon.RedeemedDiscountCents!.Value));
    }

    [Fact]
    public async Task Parallel_identical_retries_write_off_once_and_the_others_are_replays()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();
        var code = (await Kit.ClaimedAsync(templateId, member.Id)).Str("code");
        var staff = Kit.Data.StaffToken(store.Id);

        // when: 20 identical requests at once
        var payloads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RedeemAsync(code, 15_000, "POS-P1", staff)));

        // then: one write-off, 19 replays of it, one audit line, one REDEEMED in the history
        Assert.All(payloads, p => Assert.Empty(p["errors"]!.AsArray()));
        Assert.Single(payloads, p => !p["replayed"]!.GetValue<bool>());
        Assert.Equal(19, payloads.Count(p => p["replayed"]!.GetValue<bool>()));
        Assert.Single(payloads.Select(p => p["coupon"]!.ToJsonString()).Distinct());
        Assert.Single(await Kit.AuditAsync("redeemCoupon"));
        var coupon = Assert.Single(await Kit.CouponsOfAsync(templateId));
        Assert.Equal(CouponStatus.Redeemed, coupon.Status);
        var history = (await Gateway.GraphQLAsync("query($id: ID!) { node(id: $id) { ... on Coupon { history { edges { node { event } } } } } }",
            new { id = MemberGraph.Domain.GlobalId.Encode("Coupon", coupon.Id) }, Kit.AdminToken)).OkData()["node"]!["history"]!["edges"]!.AsArray();
        Assert.Equal(new[] { "ISSUED", "REDEEMED" }, history.Select(e => e!["node"]!.Str("event")));
    }

    private async Task<System.Text.Json.Nodes.JsonNode> RedeemAsync(string code, long orderAmountCents, string orderRef, string token) =>
        (await Gateway.GraphQLAsync(Redeem, new { input = new { code, orderAmountCents, orderRef } }, token)).Payload("redeemCoupon");
}
