using MemberGraph.Points;
using Microsoft.Extensions.Options;

namespace MemberGraph.Core.Tests.Points;

/// <summary>The business calendar of points (China time, UTC+8 by default): birthday month, return window, year-end expiry.</summary>
public sealed class EarnCalendarTests
{
    private static EarnRules Rules(Action<PointsOptions>? configure = null)
    {
        var options = new PointsOptions();
        configure?.Invoke(options);
        return new EarnRules(Options.Create(options));
    }

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    [Fact]
    public void The_birthday_month_is_the_month_in_China_not_in_UTC()
    {
        // 2026-03-31 16:00 UTC is 2026-04-01 00:00 in China; one second earlier is still March there
        var rules = Rules();

        Assert.True(rules.IsBirthdayMonth(new DateOnly(1990, 4, 15), Utc(2026, 3, 31, 16)));
        Assert.False(rules.IsBirthdayMonth(new DateOnly(1990, 3, 15), Utc(2026, 3, 31, 16)));
        Assert.True(rules.IsBirthdayMonth(new DateOnly(1990, 3, 15), Utc(2026, 3, 31, 15, 59, 59)));
    }

    [Fact]
    public void With_a_zero_offset_the_birthday_month_is_the_utc_month()
    {
        Assert.True(Rules(o => o.BusinessUtcOffsetHours = 0).IsBirthdayMonth(new DateOnly(1990, 3, 1), Utc(2026, 3, 31, 16)));
    }

    [Fact]
    public void A_member_without_a_birthday_never_has_a_birthday_month()
    {
        Assert.False(Rules().IsBirthdayMonth(null, Utc(2026, 3, 31)));
    }

    [Fact]
    public void Points_become_available_when_the_return_window_ends()
    {
        // paid 2026-01-28 10:00 UTC + 7 days = 2026-02-04 10:00 UTC (across the month end)
        Assert.Equal(Utc(2026, 2, 4, 10), Rules().AvailableAt(Utc(2026, 1, 28, 10)));
        Assert.Equal(Utc(2026, 1, 28, 10), Rules(o => o.ReturnWindowDays = 0).AvailableAt(Utc(2026, 1, 28, 10)));
    }

    [Fact]
    public void Points_expire_at_the_end_of_the_next_calendar_year_in_china()
    {
        // earned in 2026 (China): expire at 2028-01-01 00:00 China = 2027-12-31 16:00 UTC
        var rules = Rules();

        Assert.Equal(Utc(2027, 12, 31, 16), rules.ExpiresAt(Utc(2026, 6, 15)));
        Assert.Equal(Utc(2027, 12, 31, 16), rules.ExpiresAt(Utc(2026, 12, 31, 15, 59, 59)));
    }

    [Fact]
    public void Points_earned_on_new_years_eve_utc_but_new_years_day_in_china_count_as_next_year()
    {
        // 2026-12-31 16:00 UTC is 2027-01-01 00:00 in China: expire at 2029-01-01 00:00 China = 2028-12-31 16:00 UTC
        Assert.Equal(Utc(2028, 12, 31, 16), Rules().ExpiresAt(Utc(2026, 12, 31, 16)));
    }

    [Fact]
    public void Expiry_years_zero_means_the_end_of_the_year_earned()
    {
        Assert.Equal(Utc(2026, 12, 31, 16), Rules(o => o.ExpiryYears = 0).ExpiresAt(Utc(2026, 6, 15)));
        Assert.Equal(Utc(2029, 12, 31, 16), Rules(o => o.ExpiryYears = 3).ExpiresAt(Utc(2026, 6, 15)));
    }

    [Fact]
    public void Expiring_soon_looks_the_configured_days_ahead()
    {
        Assert.Equal(Utc(2026, 3, 2), Rules().ExpiringSoonHorizon(Utc(2026, 1, 1)));          // 60 days: Jan 31 + Feb 28 + 1
        Assert.Equal(Utc(2026, 1, 8), Rules(o => o.ExpiringSoonDays = 7).ExpiringSoonHorizon(Utc(2026, 1, 1)));
    }
}
