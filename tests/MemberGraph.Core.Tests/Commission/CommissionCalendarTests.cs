using MemberGraph.Commission;
using Microsoft.Extensions.Options;

namespace MemberGraph.Core.Tests.Commission;

/// <summary>The business calendar of commission totals and settlement (China time, UTC+8 by default).</summary>
public sealed class CommissionCalendarTests
{
    private static CommissionRules Rules(Action<CommissionOptions>? configure = null)
    {
        var options = new CommissionOptions();
        configure?.Invoke(options);
        return new CommissionRules(Options.Create(options));
    }

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    [Fact]
    public void A_business_day_starts_at_midnight_in_china()
    {
        // 2026-03-31 16:00 UTC is 2026-04-01 00:00 in China
        var rules = Rules();

        Assert.Equal(new DateOnly(2026, 4, 1), rules.BusinessDay(Utc(2026, 3, 31, 16)));
        Assert.Equal(new DateOnly(2026, 3, 31), rules.BusinessDay(Utc(2026, 3, 31, 15, 59, 59)));
    }

    [Fact]
    public void The_business_month_is_the_first_day_of_the_month_in_china()
    {
        var rules = Rules();

        Assert.Equal(new DateOnly(2026, 4, 1), rules.BusinessMonth(Utc(2026, 3, 31, 16)));
        Assert.Equal(new DateOnly(2026, 3, 1), rules.BusinessMonth(Utc(2026, 3, 31, 15, 59, 59)));
        Assert.Equal(new DateOnly(2027, 1, 1), rules.BusinessMonth(Utc(2026, 12, 31, 16))); // new year in China first
    }

    [Fact]
    public void A_business_day_starts_at_the_utc_instant_of_its_midnight_in_china()
    {
        var start = Rules().StartOf(new DateOnly(2026, 4, 1));

        Assert.Equal(Utc(2026, 3, 31, 16), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Fact]
    public void Other_offsets_move_the_calendar()
    {
        var utc = Rules(o => o.BusinessUtcOffsetHours = 0);
        var behind = Rules(o => o.BusinessUtcOffsetHours = -5);

        Assert.Equal(new DateOnly(2026, 3, 31), utc.BusinessDay(Utc(2026, 3, 31, 16)));
        Assert.Equal(Utc(2026, 4, 1), utc.StartOf(new DateOnly(2026, 4, 1)));
        Assert.Equal(new DateOnly(2026, 3, 31), behind.BusinessDay(Utc(2026, 4, 1, 4, 59, 59)));
        Assert.Equal(Utc(2026, 4, 1, 5), behind.StartOf(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void Settlement_waits_the_configured_days_and_never_a_negative_number()
    {
        Assert.Equal(7, Rules().SettleAfterDays);
        Assert.Equal(0, Rules(o => o.SettleAfterDays = 0).SettleAfterDays);
        Assert.Equal(0, Rules(o => o.SettleAfterDays = -3).SettleAfterDays);
    }

    [Fact]
    public void The_cross_store_rule_is_the_configured_one()
    {
        Assert.Equal(CrossStoreRule.AttributeToGuide, Rules().CrossStore);
        Assert.Equal(CrossStoreRule.StoreGuideInstead, Rules(o => o.CrossStore = CrossStoreRule.StoreGuideInstead).CrossStore);
    }
}
