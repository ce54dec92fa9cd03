using MemberGraph.Data;
using MemberGraph.Coupons;
using MemberGraph.Partners;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// exchangePointsForPartnerBenefit: brand points for a partner's benefit (200 points → 2 hours' parking), with the member's
/// POINTS_EXCHANGE consent to that partner; points leave if and only if the benefit is issued, once per idempotency key
/// under parallel replays, and the exchange is a transaction of the partner's settlement. Without consent nothing moves,
/// whichever exchange mutation is used.
/// </summary>
public abstract class PartnerBenefitExchangeTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : PartnerBenefitExchangeTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : PartnerBenefitExchangeTests(DatabaseKind.Postgres);

    private GatewayHost _gateway = null!;
    private PartnerBenefitKit _kit = null!;
    private LoyaltyApi _loyalty = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(database: database);
        _kit = new PartnerBenefitKit(_gateway);
        _loyalty = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <summary>A member with 1,000 available points (an order of 1,000 yuan, its return window closed, released by the job).</summary>
    private async Task<long> MemberWithPointsAsync(string card)
    {
        var order = await _loyalty.RecordOkAsync(LoyaltyApi.Order($"POS-{card}", card, 100_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        await _gateway.GraphQLAsync("mutation { runJob(input: { job: \"points-release\", wait: true }) { jobRun { status } } }", token: _kit.Data.AdminToken());
        var member = LoyaltyApi.MemberKey(order);
        Assert.Equal(1_000, (await _loyalty.TotalsAsync(member)).Consistent());
        return member;
    }

    [Fact]
    public async Task Parallel_replays_of_one_exchange_issue_one_parking_coupon_for_200_points_and_one_settlement_line()
    {
        // given
        var (mall, _) = await _kit.PartnerAsync("exchange-mall");
        var parking = await _kit.BenefitAsync(mall, pointsPrice: 200, perMemberLimit: 5);
        var member = await MemberWithPointsAsync("CARD-EX-1");
        await _kit.Partners.GrantAsync(member, mall.Id, "POINTS_EXCHANGE");

        // when: the same exchange eight times at once
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _kit.ExchangeAsync(member, parking, "park-1")));

        // then: one coupon, 200 points once, one POINTS_EXCHANGE transaction of the mall
        var payloads = answers.Select(a => a.Payload("exchangePointsForPartnerBenefit")).ToList();
        Assert.All(payloads, p => Assert.Empty(p["errors"]!.AsArray()));
        var code = Assert.Single(payloads.Select(p => p["coupon"]!.Str("code")).Distinct());
        Assert.Equal(("EXCHANGE", "商场 2小时停车"), (payloads[0]["coupon"]!.Str("source"), payloads[0]["coupon"]!["template"]!.Str("name")));
        Assert.Equal(800, (await _loyalty.TotalsAsync(member)).Consistent());
        await using var db = _gateway.Db();
        var transaction = await db.PartnerTransactions.SingleAsync(t => t.MemberId == member);
        Assert.Equal((PartnerTransactionKind.PointsExchange, 200L, mall.Key), (transaction.Kind, transaction.Points, transaction.PartnerId));
        Assert.Equal(code.Replace("-", ""), await db.Coupons.Where(c => c.Id == transaction.CouponId).Select(c => c.Code).SingleAsync());
        Assert.NotNull(transaction.PairwiseId);
    }

    [Fact]
    public async Task Without_points_exchange_consent_nothing_moves_through_either_exchange_mutation()
    {
        // given: the member consents to the mall for BENEFITS only
        var (mall, _) = await _kit.PartnerAsync("consentless-mall");
        var parking = await _kit.BenefitAsync(mall, pointsPrice: 200);
        var member = await MemberWithPointsAsync("CARD-EX-2");
        await _kit.Partners.GrantAsync(member, mall.Id, "BENEFITS");

        // when
        var partnerExchange = (await _kit.ExchangeAsync(member, parking, "park-2")).Payload("exchangePointsForPartnerBenefit");
        var couponExchange = await _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId = parking, key = "park-3" }, _kit.Data.MemberToken(member));

        // then: refused both ways; no points, no coupon, no stock, no transaction
        Assert.Equal(("PARTNER_CONSENT_REQUIRED", "templateId"), (partnerExchange.ErrorCode(), partnerExchange["errors"]![0]!.Str("field")));
        Assert.Equal("PARTNER_CONSENT_REQUIRED", couponExchange.FirstErrorCode);
        Assert.Equal(1_000, (await _loyalty.TotalsAsync(member)).Consistent());
        Assert.Empty(await _kit.Coupons.CouponsOfAsync(parking));
        Assert.Equal(0, await _kit.Coupons.IssuedAsync(parking));
        await using var db = _gateway.Db();
        Assert.False(await db.PartnerTransactions.AnyAsync(t => t.MemberId == member));
    }

    [Fact]
    public async Task Only_partner_benefits_with_a_points_price_are_exchanged_here()
    {
        // given
        var (mall, _) = await _kit.PartnerAsync("plain-mall");
        var free = await _kit.BenefitAsync(mall);
        var brand = await _kit.Coupons.TemplateAsync(t => { t["claimable"] = false; t["pointsPrice"] = 100; });
        var member = await MemberWithPointsAsync("CARD-EX-3");
        await _kit.Partners.GrantAsync(member, mall.Id, "POINTS_EXCHANGE");

        // when
        var answers = new[] { free, brand }.Select(t => _kit.ExchangeAsync(member, t, $"k-{t}")).ToList();

        // then
        foreach (var answer in answers)
        {
            Assert.Equal("COUPON_NOT_CLAIMABLE", (await answer).Payload("exchangePointsForPartnerBenefit").ErrorCode());
        }

        Assert.Equal(1_000, (await _loyalty.TotalsAsync(member)).Consistent());
    }
}
