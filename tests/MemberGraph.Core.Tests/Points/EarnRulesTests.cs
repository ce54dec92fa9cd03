using MemberGraph.Orders;
using MemberGraph.Points;
using Microsoft.Extensions.Options;

namespace MemberGraph.Core.Tests.Points;

/// <summary>
/// Earn rates, rounding and the birthday multiplier. The gateway's Points/EarnRulesTests check the same rules through
/// recordOrder; these pin the edges. Rates: gift boxes 2/yuan, juice 0.5, Tmall 0.8, POS cut fruit 3, else 1.
/// </summary>
public sealed class EarnRulesTests
{
    private static EarnRules Rules(Action<PointsOptions>? configure = null)
    {
        var options = new PointsOptions
        {
            DefaultPointsPerYuan = 1m,
            Rates =
            [
                new EarnRate { Category = ProductCategory.GiftBox, PointsPerYuan = 2m },
                new EarnRate { Category = ProductCategory.Juice, PointsPerYuan = 0.5m },
                new EarnRate { Channel = SalesChannel.Tmall, PointsPerYuan = 0.8m },
                new EarnRate { Channel = SalesChannel.Pos, Category = ProductCategory.CutFruit, PointsPerYuan = 3m },
            ],
        };
        configure?.Invoke(options);
        return new EarnRules(Options.Create(options));
    }

    [Theory]
    [InlineData(SalesChannel.Pos, ProductCategory.CutFruit, "3")]          // channel and category
    [InlineData(SalesChannel.Tmall, ProductCategory.GiftBox, "2")]         // category beats channel
    [InlineData(SalesChannel.Tmall, ProductCategory.CutFruit, "0.8")]      // channel when no category rate
    [InlineData(SalesChannel.MiniProgram, ProductCategory.Juice, "0.5")]   // category only
    [InlineData(SalesChannel.Pos, ProductCategory.DomesticFruit, "1")]     // the default
    [InlineData(SalesChannel.MiniProgram, ProductCategory.CutFruit, "1")]  // POS cut fruit does not leak to other channels
    public void The_most_specific_rate_applies(SalesChannel channel, ProductCategory category, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Rules().RateFor(channel, category));

    [Fact]
    public void Of_two_equally_specific_rates_the_first_configured_wins()
    {
        var rules = Rules(o => o.Rates.Add(new EarnRate { Category = ProductCategory.GiftBox, PointsPerYuan = 9m }));

        Assert.Equal(2m, rules.RateFor(SalesChannel.Pos, ProductCategory.GiftBox));
    }

    [Fact]
    public void Without_rates_every_line_earns_the_default()
    {
        var rules = Rules(o => { o.Rates.Clear(); o.DefaultPointsPerYuan = 1.5m; });

        Assert.Equal(1.5m, rules.RateFor(SalesChannel.Jd, ProductCategory.GiftBox));
    }

    [Theory]
    [InlineData(SalesChannel.Pos, ProductCategory.DomesticFruit, 5_050L, false, 50L)]   // 50.50 yuan x 1 = 50.5 -> 50
    [InlineData(SalesChannel.Pos, ProductCategory.DomesticFruit, 5_050L, true, 101L)]   // 50.5 x 2 = 101: doubled before rounding
    [InlineData(SalesChannel.Pos, ProductCategory.DomesticFruit, 99L, false, 0L)]       // 0.99 -> 0
    [InlineData(SalesChannel.Pos, ProductCategory.DomesticFruit, 100L, false, 1L)]      // 1.00 -> 1
    [InlineData(SalesChannel.Pos, ProductCategory.DomesticFruit, 1L, true, 0L)]         // 0.01 x 2 = 0.02 -> 0
    [InlineData(SalesChannel.Pos, ProductCategory.Juice, 1_999L, false, 9L)]            // 19.99 x 0.5 = 9.995 -> 9
    [InlineData(SalesChannel.Pos, ProductCategory.CutFruit, 3_333L, false, 99L)]        // 33.33 x 3 = 99.99 -> 99
    [InlineData(SalesChannel.Tmall, ProductCategory.Other, 12_345L, false, 98L)]        // 123.45 x 0.8 = 98.76 -> 98
    [InlineData(SalesChannel.Pos, ProductCategory.GiftBox, 0L, true, 0L)]               // nothing paid, nothing earned
    public void Points_are_rate_times_yuan_times_the_birthday_multiplier_rounded_down(
        SalesChannel channel, ProductCategory category, long cents, bool birthday, long expected) =>
        Assert.Equal(expected, Rules().PointsForLine(channel, category, cents, birthday));

    [Fact]
    public void A_negative_paid_share_earns_nothing_rather_than_negative_points()
    {
        Assert.Equal(0, Rules().PointsForLine(SalesChannel.Pos, ProductCategory.GiftBox, -500, birthdayMonth: true));
    }

    [Fact]
    public void A_fractional_multiplier_is_applied_before_rounding_down()
    {
        // 1.01 yuan x 1 x 1.5 = 1.515 -> 1; 3.00 yuan x 1.5 = 4.5 -> 4
        var rules = Rules(o => o.BirthdayMonthMultiplier = 1.5m);

        Assert.Equal(1, rules.PointsForLine(SalesChannel.Pos, ProductCategory.DomesticFruit, 101, birthdayMonth: true));
        Assert.Equal(4, rules.PointsForLine(SalesChannel.Pos, ProductCategory.DomesticFruit, 300, birthdayMonth: true));
    }

    [Fact]
    public void The_largest_amount_a_long_holds_earns_exactly_without_overflow()
    {
        // 9,223,372,036,854,775,807 cents = 92,233,720,368,547,758.07 yuan; doubled 184,467,440,737,095,516.14 -> ...516
        var points = Rules().PointsForLine(SalesChannel.Pos, ProductCategory.DomesticFruit, long.MaxValue, birthdayMonth: true);

        Assert.Equal(184_467_440_737_095_516, points);
    }
}
