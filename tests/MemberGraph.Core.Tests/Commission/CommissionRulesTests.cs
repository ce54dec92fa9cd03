using MemberGraph.Commission;
using MemberGraph.Orders;
using Microsoft.Extensions.Options;

namespace MemberGraph.Core.Tests.Commission;

/// <summary>
/// What a line earns, by the rules of the gateway's Commission/CommissionRulesTests: default 300bp; gift boxes 500bp;
/// juice 1.00 fixed per line; cut fruit 200bp; store FLAG01 1000bp; imported fruit at FLAG01 800bp.
/// </summary>
public sealed class CommissionRulesTests
{
    private static CommissionRules Rules(Action<CommissionOptions>? configure = null)
    {
        var options = new CommissionOptions
        {
            DefaultRateBasisPoints = 300,
            Rules =
            [
                new CommissionRule { Name = "gift boxes", Category = ProductCategory.GiftBox, RateBasisPoints = 500 },
                new CommissionRule { Name = "juice", Category = ProductCategory.Juice, FixedCentsPerLine = 100 },
                new CommissionRule { Name = "cut fruit", Category = ProductCategory.CutFruit, RateBasisPoints = 200 },
                new CommissionRule { Name = "flagship", StoreCode = "FLAG01", RateBasisPoints = 1000 },
                new CommissionRule
                {
                    Name = "flagship imports", Category = ProductCategory.ImportedFruit, StoreCode = "FLAG01", RateBasisPoints = 800,
                },
            ],
        };
        configure?.Invoke(options);
        return new CommissionRules(Options.Create(options));
    }

    [Theory]
    [InlineData(ProductCategory.ImportedFruit, "FLAG01", "flagship imports", 800, 800L)]  // category and store
    [InlineData(ProductCategory.GiftBox, "FLAG01", "gift boxes", 500, 500L)]              // category beats store
    [InlineData(ProductCategory.DomesticFruit, "FLAG01", "flagship", 1000, 1_000L)]       // store when no category rule
    [InlineData(ProductCategory.ImportedFruit, "SH001", "default 300bp", 300, 300L)]      // the default elsewhere
    [InlineData(ProductCategory.DomesticFruit, null, "default 300bp", 300, 300L)]         // no store: store rules never match
    public void The_most_specific_rule_applies_to_a_line_of_100_yuan(
        ProductCategory category, string? store, string rule, int basisPoints, long cents)
    {
        Assert.Equal(new CommissionQuote(rule, basisPoints, cents), Rules().QuoteFor(category, store, 10_000));
    }

    [Theory]
    [InlineData(2_999L, 59L)]   // 29.99 x 2% = 59.98 cents -> 59: rates round down
    [InlineData(49L, 0L)]       // 0.98 cents -> 0
    [InlineData(50L, 1L)]
    [InlineData(0L, 0L)]
    [InlineData(-5_000L, 0L)]   // a negative base earns nothing, not a negative commission
    public void Rates_are_basis_points_of_the_paid_share_rounded_down(long paidShare, long expected)
    {
        Assert.Equal(expected, Rules().QuoteFor(ProductCategory.CutFruit, null, paidShare).AmountCents);
    }

    [Theory]
    [InlineData(3_000L, 100L)]    // three bottles for 30.00: 1.00 for the line, not per unit
    [InlineData(1L, 100L)]        // however little was paid
    [InlineData(0L, 0L)]          // but nothing for a free line
    public void A_fixed_amount_is_paid_once_per_line_with_a_paid_share(long paidShare, long expected)
    {
        Assert.Equal(new CommissionQuote("juice", null, expected), Rules().QuoteFor(ProductCategory.Juice, "FLAG01", paidShare));
    }

    [Fact]
    public void Negative_configured_amounts_pay_nothing()
    {
        var rules = Rules(o => o.Rules =
        [
            new CommissionRule { Name = "typo", Category = ProductCategory.Juice, FixedCentsPerLine = -100 },
            new CommissionRule { Name = "typo too", Category = ProductCategory.GiftBox, RateBasisPoints = -500 },
        ]);

        Assert.Equal(0, rules.QuoteFor(ProductCategory.Juice, null, 10_000).AmountCents);
        Assert.Equal(0, rules.QuoteFor(ProductCategory.GiftBox, null, 10_000).AmountCents);
    }

    [Fact]
    public void A_rule_without_a_rate_or_amount_pays_the_default_rate_under_its_name()
    {
        var rules = Rules(o => o.Rules = [new CommissionRule { Name = "seasonal", Category = ProductCategory.Other }]);

        Assert.Equal(new CommissionQuote("seasonal", 300, 300), rules.QuoteFor(ProductCategory.Other, null, 10_000));
    }

    [Fact]
    public void Unnamed_rules_are_named_after_what_they_match()
    {
        var rules = Rules(o => o.Rules =
        [
            new CommissionRule { Category = ProductCategory.ImportedFruit, StoreCode = "FLAG01", RateBasisPoints = 800 },
            new CommissionRule { Category = ProductCategory.Juice, FixedCentsPerLine = 100 },
            new CommissionRule { StoreCode = "FLAG01", RateBasisPoints = 1000 },
        ]);

        Assert.Equal("ImportedFruit@FLAG01 800bp", rules.QuoteFor(ProductCategory.ImportedFruit, "FLAG01", 100).Rule);
        Assert.Equal("Juice fixed 100c", rules.QuoteFor(ProductCategory.Juice, "FLAG01", 100).Rule);
        Assert.Equal("FLAG01 1000bp", rules.QuoteFor(ProductCategory.GiftBox, "FLAG01", 100).Rule);
    }

    [Fact]
    public void Store_codes_match_exactly()
    {
        Assert.Equal("default 300bp", Rules().QuoteFor(ProductCategory.DomesticFruit, "flag01", 10_000).Rule);
    }

    [Fact]
    public void The_largest_base_a_long_holds_does_not_overflow()
    {
        // 100% of MaxValue: MaxValue x 10,000 would overflow a long before the division
        var rules = Rules(o => o.DefaultRateBasisPoints = 10_000);

        Assert.Equal(long.MaxValue, rules.QuoteFor(ProductCategory.Other, null, long.MaxValue).AmountCents);
    }
}
