using MemberGraph.Commission;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Commission;

/// <summary>
/// Commission rules from configuration: rate by category, by store, by both, fixed per line, the default. Both tests share
/// one gateway with these rules and make their own stores, guides and buyer. (The rules themselves, edge by edge, are
/// MemberGraph.Core.Tests' CommissionRulesTests; these check them through recordOrder and the guide's lines.)
/// </summary>
public sealed class CommissionRulesTests(CommissionRulesTests.RulesHost host) : IClassFixture<CommissionRulesTests.RulesHost>
{
    private static readonly Dictionary<string, string?> Rules = new()
    {
        ["Commission:DefaultRateBasisPoints"] = "300",
        ["Commission:Rules:0:Name"] = "gift boxes",
        ["Commission:Rules:0:Category"] = "GiftBox",
        ["Commission:Rules:0:RateBasisPoints"] = "500",
        ["Commission:Rules:1:Name"] = "juice",
        ["Commission:Rules:1:Category"] = "Juice",
        ["Commission:Rules:1:FixedCentsPerLine"] = "100",
        ["Commission:Rules:2:Name"] = "cut fruit",
        ["Commission:Rules:2:Category"] = "CutFruit",
        ["Commission:Rules:2:RateBasisPoints"] = "200",
        ["Commission:Rules:3:Name"] = "flagship",
        ["Commission:Rules:3:StoreCode"] = "FLAG01",
        ["Commission:Rules:3:RateBasisPoints"] = "1000",
        ["Commission:Rules:4:Name"] = "flagship imports",
        ["Commission:Rules:4:Category"] = "ImportedFruit",
        ["Commission:Rules:4:StoreCode"] = "FLAG01",
        ["Commission:Rules:4:RateBasisPoints"] = "800",
    };

    [Fact]
    public async Task The_most_specific_rule_applies_to_each_line_and_fixed_amounts_pay_per_line()
    {
        // given
        var gateway = host.Gateway;
        var data = new TestData(gateway);
        var (flagship, ordinary) = (await data.StoreAsync("FLAG01"), await data.StoreAsync());
        var (flagshipGuide, ordinaryGuide) = (await data.GuideAsync(flagship.Id), await data.GuideAsync(ordinary.Id));
        var buyer = $"POS-RULES-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        object[] lines =
        [
            LoyaltyApi.Line("IMP-CHERRY-500G", "IMPORTED_FRUIT", 1, 10_000),
            LoyaltyApi.Line("DOM-APPLE-1KG", "DOMESTIC_FRUIT", 1, 10_000),
            LoyaltyApi.Line("GIFT-FESTIVAL", "GIFT_BOX", 1, 10_000),
            LoyaltyApi.Line("JUICE-ORANGE", "JUICE", 3, 3_000),
            LoyaltyApi.Line("CUT-MIX-BOX", "CUT_FRUIT", 1, 2_999),
        ];

        // when
        var atFlagship = await AttributedOrders.RecordAsync(gateway, AttributedOrders.Input(buyer, 35_999, flagship.Id, flagshipGuide.GuideCode, lines: lines));
        var elsewhere = await AttributedOrders.RecordAsync(gateway, AttributedOrders.Input(buyer, 35_999, ordinary.Id, ordinaryGuide.GuideCode, lines: lines));

        // then: category and store beats category beats store beats the default; rates round down; fixed is per line, not per unit
        var api = new CommissionApi(gateway);
        Assert.Equal(
            [("IMP-CHERRY-500G", "flagship imports", 800, 800L), ("DOM-APPLE-1KG", "flagship", 1000, 1_000L), ("GIFT-FESTIVAL", "gift boxes", 500, 500L),
             ("JUICE-ORANGE", "juice", (int?)null, 100L), ("CUT-MIX-BOX", "cut fruit", 200, 59L)],
            (await api.LinesAsync(flagshipGuide.Id)).Where(l => l.OrderId == atFlagship.OrderId).Select(l => (l.Sku, l.Rule, l.RateBasisPoints, l.AmountCents)).ToList());
        Assert.Equal(
            [("IMP-CHERRY-500G", "default 300bp", 300, 300L), ("DOM-APPLE-1KG", "default 300bp", 300, 300L), ("GIFT-FESTIVAL", "gift boxes", 500, 500L),
             ("JUICE-ORANGE", "juice", (int?)null, 100L), ("CUT-MIX-BOX", "cut fruit", 200, 59L)],
            (await api.LinesAsync(ordinaryGuide.Id)).Where(l => l.OrderId == elsewhere.OrderId).Select(l => (l.Sku, l.Rule, l.RateBasisPoints, l.AmountCents)).ToList());
        Assert.Equal(2_459, (await api.MyTotalsAsync(data.GuideToken(flagshipGuide))).Pending);
        Assert.Equal(1_259, (await api.MyTotalsAsync(data.GuideToken(ordinaryGuide))).Pending);
    }

    [Fact]
    public async Task Commission_is_computed_on_what_the_buyer_paid_for_the_line_after_discounts()
    {
        // given: two lines of 100.00 and 300.00 with 20% off the order (paid 320.00, spread 80.00 / 240.00)
        var gateway = host.Gateway;
        var data = new TestData(gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var buyer = $"POS-DISC-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));

        // when
        await AttributedOrders.RecordAsync(gateway, AttributedOrders.Input(buyer, 32_000, store.Id, guide.GuideCode,
            lines: [LoyaltyApi.Line("DOM-APPLE-1KG", "DOMESTIC_FRUIT", 1, 10_000), LoyaltyApi.Line("GIFT-SEASONAL", "GIFT_BOX", 1, 30_000)]));

        // then
        var lines = await new CommissionApi(gateway).LinesAsync(guide.Id);
        Assert.Equal([(8_000L, 240L), (24_000L, 1_200L)], lines.Select(l => (l.BaseCents, l.AmountCents)).ToList());
        Assert.All(lines, l => Assert.Equal(CommissionStatus.Pending, l.Status));
    }

    /// <summary>The commission gateway with <see cref="Rules"/>.</summary>
    public sealed class RulesHost : CommissionHost
    {
        protected override IDictionary<string, string?> Settings => Rules;
    }
}
