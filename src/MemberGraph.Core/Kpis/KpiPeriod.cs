using MemberGraph.Domain;

namespace MemberGraph.Kpis;

/// <summary>
/// The business days a KPI covers: <see cref="From"/> to <see cref="To"/>, both included, in China time (UTC+8, no daylight
/// saving), so an order paid at 23:30 in Shanghai belongs to that Shanghai day whatever the server's clock says. At most
/// <see cref="MaxDays"/> days: a KPI is a period's figure, not a scan of all history.
/// </summary>
public sealed record KpiPeriod
{
    public const int MaxDays = 366;

    /// <summary>China Standard Time has had no daylight saving since 1991: a fixed offset is exact.</summary>
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private KpiPeriod(DateOnly from, DateOnly to) => (From, To) = (from, to);

    public DateOnly From { get; }
    public DateOnly To { get; }

    /// <summary>The UTC instant <see cref="From"/> starts in China (inclusive).</summary>
    public DateTime StartUtc => Start(From);

    /// <summary>The UTC instant the day after <see cref="To"/> starts in China (exclusive).</summary>
    public DateTime EndUtc => Start(To.AddDays(1));

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period, or BAD_USER_INPUT when <paramref name="to"/> is before <paramref name="from"/> or the span exceeds <see cref="MaxDays"/>.</summary>
    public static KpiPeriod Of(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw RequestRefusedException.BadInput($"'to' ({to:yyyy-MM-dd}) is before 'from' ({from:yyyy-MM-dd}).");
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            throw RequestRefusedException.BadInput($"A KPI period covers at most {MaxDays} days; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {to.DayNumber - from.DayNumber + 1}.");
        }

        return new KpiPeriod(from, to);
    }

    /// <summary>The China business day an instant falls in.</summary>
    public static DateOnly BusinessDay(DateTime utc) => DateOnly.FromDateTime(utc + ChinaOffset);

    private static DateTime Start(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - ChinaOffset, DateTimeKind.Utc);
}
