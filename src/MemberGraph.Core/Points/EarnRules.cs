using MemberGraph.Orders;
using Microsoft.Extensions.Options;

namespace MemberGraph.Points;

/// <summary>
/// The configured earn rules as pure functions, shared by the order service and the demo seed so both write the
/// same numbers: points per line, the birthday-month multiplier, when points become available, when they expire.
/// </summary>
public sealed class EarnRules(IOptions<PointsOptions> options)
{
    private PointsOptions Options => options.Value;

    public decimal RateFor(SalesChannel channel, ProductCategory category)
    {
        var rates = Options.Rates;
        return (rates.FirstOrDefault(r => r.Channel == channel && r.Category == category)
                ?? rates.FirstOrDefault(r => r.Channel is null && r.Category == category)
                ?? rates.FirstOrDefault(r => r.Channel == channel && r.Category is null))?.PointsPerYuan
               ?? Options.DefaultPointsPerYuan;
    }

    /// <summary>Points for one line's paid share: rate per yuan, times the birthday multiplier, rounded down.</summary>
    public long PointsForLine(SalesChannel channel, ProductCategory category, long paidShareCents, bool birthdayMonth)
    {
        var points = paidShareCents * RateFor(channel, category) / 100m;
        if (birthdayMonth)
        {
            points *= Options.BirthdayMonthMultiplier;
        }

        return Math.Max(0, (long)Math.Floor(points));
    }

    public bool IsBirthdayMonth(DateOnly? birthday, DateTime paidAtUtc) =>
        birthday is { } b && ToBusinessTime(paidAtUtc).Month == b.Month;

    /// <summary>When an order's points stop being pending: the end of its return window.</summary>
    public DateTime AvailableAt(DateTime paidAtUtc) => paidAtUtc.AddDays(Options.ReturnWindowDays);

    /// <summary>The first instant after the end of the calendar year <c>ExpiryYears</c> after earning (business time), in UTC.</summary>
    public DateTime ExpiresAt(DateTime earnedAtUtc)
    {
        var local = ToBusinessTime(earnedAtUtc);
        var startOfYearAfter = new DateTime(local.Year + Options.ExpiryYears + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return startOfYearAfter.AddHours(-Options.BusinessUtcOffsetHours);
    }

    public DateTime ExpiringSoonHorizon(DateTime nowUtc) => nowUtc.AddDays(Options.ExpiringSoonDays);

    /// <summary>The business day (China time by default) an instant falls on.</summary>
    public DateOnly BusinessDay(DateTime utc) => DateOnly.FromDateTime(ToBusinessTime(utc));

    /// <summary>The UTC instant a business day starts at.</summary>
    public DateTime StartOf(DateOnly businessDay) =>
        DateTime.SpecifyKind(businessDay.ToDateTime(TimeOnly.MinValue).AddHours(-Options.BusinessUtcOffsetHours), DateTimeKind.Utc);

    private DateTime ToBusinessTime(DateTime utc) => utc.AddHours(Options.BusinessUtcOffsetHours);
}
