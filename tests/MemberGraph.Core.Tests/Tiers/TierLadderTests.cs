using MemberGraph.Tiers;
using Microsoft.Extensions.Options;

namespace MemberGraph.Core.Tests.Tiers;

/// <summary>
/// The tier ladder. Built-in levels: 普通 BASE from 0, 银卡 SILVER from 1,000.00, 金卡 GOLD from 5,000.00, 黑金 BLACK_GOLD
/// from 20,000.00 (growth in cents).
/// </summary>
public sealed class TierLadderTests
{
    private static TierLadder Ladder(Action<TierOptions>? configure = null)
    {
        var options = new TierOptions();
        configure?.Invoke(options);
        return new TierLadder(Options.Create(options));
    }

    [Theory]
    [InlineData(0L, 0)]
    [InlineData(99_999L, 0)]       // one cent short of silver
    [InlineData(100_000L, 1)]      // a threshold reached exactly counts
    [InlineData(499_999L, 1)]
    [InlineData(500_000L, 2)]
    [InlineData(1_999_999L, 2)]
    [InlineData(2_000_000L, 3)]
    [InlineData(long.MaxValue, 3)] // the top is as high as it goes
    [InlineData(-1L, 0)]           // refunds above purchases never go below the first level
    public void A_growth_reaches_the_highest_level_whose_threshold_it_meets(long growth, int level) =>
        Assert.Equal(level, Ladder().LevelFor(growth));

    [Fact]
    public void Levels_have_their_names_and_out_of_range_levels_are_clamped()
    {
        var ladder = Ladder();

        Assert.Equal(["普通", "银卡", "金卡", "黑金"], Enumerable.Range(0, 4).Select(ladder.NameOf));
        Assert.Equal("普通", ladder.NameOf(-1));
        Assert.Equal("黑金", ladder.NameOf(9));
        Assert.Equal(3, ladder.Top);
    }

    [Fact]
    public void The_next_threshold_is_the_level_above_and_none_at_the_top()
    {
        var ladder = Ladder();

        Assert.Equal(100_000, ladder.NextThreshold(0));
        Assert.Equal(500_000, ladder.NextThreshold(1));
        Assert.Equal(2_000_000, ladder.NextThreshold(2));
        Assert.Null(ladder.NextThreshold(3));
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData(" 3 ", 3)]
    [InlineData("GOLD", 2)]
    [InlineData("gold", 2)]
    [InlineData("black_gold", 3)]
    [InlineData("金卡", 2)]
    [InlineData(" 银卡 ", 1)]
    [InlineData("4", null)]       // beyond the top
    [InlineData("-1", null)]
    [InlineData("PLATINUM", null)]
    [InlineData("", null)]
    public void A_level_is_found_by_number_key_or_name_in_any_case(string text, int? level) =>
        Assert.Equal(level, Ladder().Find(text));

    [Fact]
    public void Configured_levels_replace_the_built_in_ones()
    {
        var ladder = Ladder(o => o.Levels =
        [
            new TierLevel { Name = "Green", Growth = 0 },
            new TierLevel { Key = "STAR", Name = "Star", Growth = 50_000 },
        ]);

        Assert.Equal(1, ladder.Top);
        Assert.Equal(0, ladder.LevelFor(49_999));
        Assert.Equal(1, ladder.LevelFor(2_000_000));
        Assert.Null(ladder.NextThreshold(1));
        Assert.Equal(1, ladder.Find("star"));
        Assert.Equal(0, ladder.Find("green"));
        Assert.Null(ladder.Find("GOLD"));
    }

    [Fact]
    public void Growth_counts_orders_paid_within_the_window_of_months()
    {
        var now = new DateTime(2026, 8, 31, 10, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2025, 8, 31, 10, 0, 0, DateTimeKind.Utc), Ladder().WindowStart(now));
        Assert.Equal(new DateTime(2026, 2, 28, 10, 0, 0, DateTimeKind.Utc), Ladder(o => o.WindowMonths = 6).WindowStart(now)); // no Feb 31: clamped
        Assert.Equal(now, Ladder(o => o.WindowMonths = 0).WindowStart(now));
    }
}
