using MemberGraph.Orders;

namespace MemberGraph.Points;

/// <summary>The <c>Points</c> configuration section: earn rates, the return window, expiry.</summary>
public sealed class PointsOptions
{
    public const string Section = "Points";

    /// <summary>Points per yuan (100 cents) when no rate below matches.</summary>
    public decimal DefaultPointsPerYuan { get; set; } = 1m;

    /// <summary>Rates by channel and/or category; the most specific match wins (both, then category, then channel).</summary>
    public List<EarnRate> Rates { get; set; } = [];

    /// <summary>Multiplier on an order paid in the member's birthday month (business time zone).</summary>
    public decimal BirthdayMonthMultiplier { get; set; } = 2m;

    /// <summary>Days after payment during which the order can be returned; its points stay pending until then.</summary>
    public int ReturnWindowDays { get; set; } = 7;

    /// <summary>A lot expires at the end of the calendar year this many years after it was earned (1 = end of next year).</summary>
    public int ExpiryYears { get; set; } = 1;

    /// <summary>How far ahead <c>expiringSoon</c> looks.</summary>
    public int ExpiringSoonDays { get; set; } = 60;

    /// <summary>Offset of the business calendar (birthday month, year end) from UTC; China is +8.</summary>
    public int BusinessUtcOffsetHours { get; set; } = 8;

    /// <summary>Largest single redemption accepted.</summary>
    public long MaxRedemption { get; set; } = 1_000_000;
}

/// <summary>One earn rate; a null channel or category matches any.</summary>
public sealed class EarnRate
{
    public SalesChannel? Channel { get; set; }
    public ProductCategory? Category { get; set; }
    public decimal PointsPerYuan { get; set; }
}
