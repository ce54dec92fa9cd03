using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>partnerSettlement: the day's redemptions, exchanges and credits of one partner — for it and for admins, never for another partner.</summary>
public sealed class PartnerSettlementTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["Partners:PointsCredit:settle-mall:PartnerPointsPerPoint"] = "2",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task The_days_redemption_exchange_and_credit_add_up_for_the_partner_and_for_admins_and_never_for_another_partner()
    {
        // given: a consenting member gets 600 points from the mall (1,200 mall points), buys 2 hours' parking for 200 of them, and
        // the mall writes off a shared benefit of theirs
        var kit = new PartnerBenefitKit(_gateway);
        var (mall, token) = await kit.PartnerAsync("settle-mall");
        var (_, otherToken) = await kit.PartnerAsync("other-mall");
        var (member, phone) = await kit.Partners.MemberAsync();
        await kit.Partners.GrantAsync(member, mall.Id, "POINTS_EXCHANGE");
        var pairwise = await kit.PairwiseIdAsync(token, phone);
        Assert.Empty((await kit.CreditAsync(token, pairwise, "C-1", 1_200)).Payload("creditPartnerPoints")["errors"]!.AsArray());
        var parking = await kit.BenefitAsync(mall, pointsPrice: 200);
        Assert.Empty((await kit.ExchangeAsync(member, parking, "p-1")).Payload("exchangePointsForPartnerBenefit")["errors"]!.AsArray());
        var benefit = await kit.Coupons.ClaimedAsync(await kit.BenefitAsync(mall), member);
        Assert.Empty((await kit.RedeemAsync(token, benefit.Str("code"), "R-1")).Payload("redeemPartnerBenefit")["errors"]!.AsArray());
        var today = PartnerBenefitKit.Today;

        // when
        var own = await _gateway.GraphQLAsync(PartnerBenefitKit.Settlement, new { partnerId = mall.Id, date = today }, token);
        var admin = await _gateway.GraphQLAsync(PartnerBenefitKit.Settlement, new { partnerId = mall.Id, date = today }, kit.Data.AdminToken());
        var other = await _gateway.GraphQLAsync(PartnerBenefitKit.Settlement, new { partnerId = mall.Id, date = today }, otherToken);
        var yesterday = await _gateway.GraphQLAsync(PartnerBenefitKit.Settlement,
            new { partnerId = mall.Id, date = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, token);

        // then
        var day = own.OkData()["partnerSettlement"]!;
        Assert.Equal((today, 1, 1, 200L, 1, 600L, 1_200L), (day.Str("date"), day["redemptions"]!.GetValue<int>(), day["exchanges"]!.GetValue<int>(),
            day["pointsExchanged"]!.GetValue<long>(), day["credits"]!.GetValue<int>(), day["pointsCredited"]!.GetValue<long>(),
            day["partnerPointsCredited"]!.GetValue<long>()));
        var lines = day["transactions"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.Equal(["POINTS_CREDIT", "POINTS_EXCHANGE", "REDEMPTION"], lines.Select(l => l.Str("kind")));
        Assert.All(lines, l => Assert.Equal(pairwise, l.Str("memberId")));
        Assert.Equal(day.ToJsonString(), admin.OkData()["partnerSettlement"]!.ToJsonString());
        Assert.Equal("AUTH_NOT_AUTHORIZED", other.FirstErrorCode);
        Assert.Null(other.Data?["partnerSettlement"]);
        var empty = yesterday.OkData()["partnerSettlement"]!;
        Assert.Equal((0, 0, 0), (empty["redemptions"]!.GetValue<int>(), empty["exchanges"]!.GetValue<int>(), empty["credits"]!.GetValue<int>()));
    }
}
