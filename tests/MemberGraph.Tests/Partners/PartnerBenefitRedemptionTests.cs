using MemberGraph.Coupons;
using MemberGraph.Partners;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// redeemPartnerBenefit: a partner writes off its own shared benefit once, keyed by its transaction id — replays answer the
/// first write-off, also in parallel; another partner's or the brand's coupon is a miss; the scope is required.
/// </summary>
public abstract class PartnerBenefitRedemptionTests(GatewayHost gateway)
{
    public sealed class OnSqlite(GatewayFixture fixture) : PartnerBenefitRedemptionTests(fixture.Gateway), IClassFixture<GatewayFixture>;

    public sealed class OnPostgres(PostgresGatewayFixture fixture) : PartnerBenefitRedemptionTests(fixture.Gateway), IClassFixture<PostgresGatewayFixture>;

    private GatewayHost Gateway => gateway;

    [Fact]
    public async Task A_partner_writes_off_its_benefit_once_and_a_retry_with_the_same_transaction_id_answers_the_first()
    {
        // given: a member consenting to the mall holds one of its benefits
        var kit = new PartnerBenefitKit(Gateway);
        var (mall, token) = await kit.PartnerAsync($"mall-{TestData.Next()}");
        var (member, phone) = await kit.Partners.MemberAsync();
        await kit.Partners.GrantAsync(member, mall.Id);
        var coupon = await kit.Coupons.ClaimedAsync(await kit.BenefitAsync(mall), member);

        // when
        var first = (await kit.RedeemAsync(token, coupon.Str("code"), "POS-0001")).Payload("redeemPartnerBenefit");
        var retry = (await kit.RedeemAsync(token, coupon.Str("code"), "POS-0001")).Payload("redeemPartnerBenefit");

        // then: written off once, under the member's pairwise id for the mall; the retry changed nothing
        Assert.Empty(first["errors"]!.AsArray());
        Assert.False(first["replayed"]!.GetValue<bool>());
        var transaction = first["transaction"]!;
        Assert.Equal(("REDEMPTION", "POS-0001", "商场 满200减30", 0L), (transaction.Str("kind"), transaction.Str("transactionId"),
            transaction.Str("benefitName"), transaction["points"]!.GetValue<long>()));
        Assert.Equal(await kit.PairwiseIdAsync(token, phone), transaction.Str("memberId"));
        Assert.True(retry["replayed"]!.GetValue<bool>());
        Assert.Equal(transaction.ToJsonString(), retry["transaction"]!.ToJsonString());
        await using var db = Gateway.Db();
        var key = CouponKit.Key(coupon.Str("id"));
        var stored = await db.Coupons.SingleAsync(c => c.Id == key);
        Assert.Equal((CouponStatus.Redeemed, "partner:POS-0001"), (stored.Status, stored.RedeemedOrderRef));
        Assert.Equal(1, await db.CouponHistory.CountAsync(h => h.CouponId == key && h.Event == CouponHistoryEvent.Redeemed));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Operation == "redeemPartnerBenefit" && a.Target == $"Coupon:{key}"));
    }

    [Fact]
    public async Task Twenty_parallel_retries_of_one_write_off_write_it_off_once_and_all_answer_it()
    {
        // given
        var kit = new PartnerBenefitKit(Gateway);
        var (mall, token) = await kit.PartnerAsync($"mall-{TestData.Next()}");
        var (member, _) = await kit.Partners.MemberAsync();
        var coupon = await kit.Coupons.ClaimedAsync(await kit.BenefitAsync(mall), member);

        // when
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => kit.RedeemAsync(token, coupon.Str("code"), "POS-PAR-1")));

        // then: one write-off, nineteen replays of it, one transaction row
        var payloads = answers.Select(a => a.Payload("redeemPartnerBenefit")).ToList();
        Assert.All(payloads, p => Assert.Empty(p["errors"]!.AsArray()));
        Assert.Equal(1, payloads.Count(p => !p["replayed"]!.GetValue<bool>()));
        await using var db = Gateway.Db();
        var key = CouponKit.Key(coupon.Str("id"));
        Assert.Equal(1, await db.PartnerTransactions.CountAsync(t => t.CouponId == key));
        Assert.Equal(1, await db.CouponHistory.CountAsync(h => h.CouponId == key && h.Event == CouponHistoryEvent.Redeemed));
        // a member who shares nothing with the mall: no pairwise id in the partner's records
        Assert.Null(payloads[0]["transaction"]!["memberId"]);
    }

    [Fact]
    public async Task Parallel_write_offs_of_one_benefit_under_different_transaction_ids_leave_one_write_off()
    {
        // given
        var kit = new PartnerBenefitKit(Gateway);
        var (mall, token) = await kit.PartnerAsync($"mall-{TestData.Next()}");
        var (member, _) = await kit.Partners.MemberAsync();
        var coupon = await kit.Coupons.ClaimedAsync(await kit.BenefitAsync(mall), member);

        // when: ten counters scan the same coupon at once
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => kit.RedeemAsync(token, coupon.Str("code"), $"POS-RACE-{i}")));

        // then
        var codes = answers.Select(a => a.Payload("redeemPartnerBenefit").ErrorCode()).ToList();
        Assert.Equal(1, codes.Count(c => c is null));
        Assert.All(codes.Where(c => c is not null), c => Assert.Equal("COUPON_ALREADY_REDEEMED", c));
        await using var db = Gateway.Db();
        var key = CouponKit.Key(coupon.Str("id"));
        Assert.Equal(1, await db.PartnerTransactions.CountAsync(t => t.CouponId == key));
    }

    [Fact]
    public async Task A_transaction_id_used_for_another_benefit_is_a_conflict_and_writes_nothing_off()
    {
        // given
        var kit = new PartnerBenefitKit(Gateway);
        var (mall, token) = await kit.PartnerAsync($"mall-{TestData.Next()}");
        var template = await kit.BenefitAsync(mall);
        var (first, _) = await kit.Partners.MemberAsync();
        var (second, _) = await kit.Partners.MemberAsync();
        var used = await kit.Coupons.ClaimedAsync(template, first);
        var other = await kit.Coupons.ClaimedAsync(template, second);
        await kit.RedeemAsync(token, used.Str("code"), "POS-DUP");

        // when
        var conflict = (await kit.RedeemAsync(token, other.Str("code"), "POS-DUP")).Payload("redeemPartnerBenefit");

        // then
        Assert.Equal(("IDEMPOTENCY_CONFLICT", "transactionId"), (conflict.ErrorCode(), conflict["errors"]![0]!.Str("field")));
        await using var db = Gateway.Db();
        var key = CouponKit.Key(other.Str("id"));
        Assert.Equal(CouponStatus.Available, await db.Coupons.Where(c => c.Id == key).Select(c => c.Status).SingleAsync());
    }

    [Fact]
    public async Task Another_partners_benefit_and_the_brands_coupon_are_the_same_miss_as_an_unknown_code()
    {
        // given
        var kit = new PartnerBenefitKit(Gateway);
        var (mall, _) = await kit.PartnerAsync($"mall-{TestData.Next()}");
        var (_, otherToken) = await kit.PartnerAsync($"mall-{TestData.Next()}");
        var (member, _) = await kit.Partners.MemberAsync();
        var mallBenefit = await kit.Coupons.ClaimedAsync(await kit.BenefitAsync(mall), member);
        var brandCoupon = await kit.Coupons.ClaimedAsync(await kit.Coupons.TemplateAsync(), member);

        // when
        var answers = new[]
        {
            (await kit.RedeemAsync(otherToken, mallBenefit.Str("code"), "X-1")).Payload("redeemPartnerBenefit"),
            (await kit.RedeemAsync(otherToken, brandCoupon.Str("code"), "X-2")).Payload("redeemPartnerBenefit"),
            (await kit.RedeemAsync(otherToken, "ZZZZ-ZZZZ-ZZZZ", "X-3")).Payload("redeemPartnerBenefit"),
        };

        // then: one answer for all three, and nothing written off
        Assert.All(answers, a => Assert.Equal(("NOT_FOUND", "There is no coupon with that code or id."), (a.ErrorCode(), a["errors"]![0]!.Str("message"))));
        await using var db = Gateway.Db();
        var keys = new[] { CouponKit.Key(mallBenefit.Str("id")), CouponKit.Key(brandCoupon.Str("id")) };
        Assert.Equal(2, await db.Coupons.CountAsync(c => keys.Contains(c.Id) && c.Status == CouponStatus.Available));
    }

    [Fact]
    public async Task A_token_without_benefits_redeem_is_refused_and_a_bad_transaction_id_is_invalid_input()
    {
        // given
        var kit = new PartnerBenefitKit(Gateway);
        var (mall, _) = await kit.PartnerAsync($"mall-{TestData.Next()}");
        var readOnly = await kit.Partners.TokenAsync(mall, "benefits:read");
        var (member, _) = await kit.Partners.MemberAsync();
        var coupon = await kit.Coupons.ClaimedAsync(await kit.BenefitAsync(mall), member);
        var (_, token) = await kit.PartnerAsync($"mall-{TestData.Next()}");

        // when
        var refused = await kit.RedeemAsync(readOnly, coupon.Str("code"), "POS-1");
        var badId = (await kit.RedeemAsync(token, coupon.Str("code"), "has space")).Payload("redeemPartnerBenefit");

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", refused.FirstErrorCode);
        Assert.Contains("benefits:redeem", refused.Errors![0]!["message"]!.GetValue<string>());
        Assert.Equal(("INVALID_INPUT", "transactionId"), (badId.ErrorCode(), badId["errors"]![0]!.Str("field")));
        await using var db = Gateway.Db();
        var key = CouponKit.Key(coupon.Str("id"));
        Assert.Equal(CouponStatus.Available, await db.Coupons.Where(c => c.Id == key).Select(c => c.Status).SingleAsync());
    }
}
