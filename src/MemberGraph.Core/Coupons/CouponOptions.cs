namespace MemberGraph.Coupons;

/// <summary>The <c>Coupons:*</c> configuration section.</summary>
public sealed class CouponOptions
{
    public const string Section = "Coupons";

    /// <summary>A coupon is "expiring soon" this many hours before its window closes.</summary>
    public int ExpiringSoonHours { get; set; } = 72;

    /// <summary>Stores farther than this from the member are not "nearby" for recommendations.</summary>
    public int NearbyStoreMeters { get; set; } = 20_000;

    /// <summary>How many stores count as "the nearest stores" for in-store recommendations.</summary>
    public int NearestStores { get; set; } = 3;

    /// <summary>At most this many recommendations are returned.</summary>
    public int MaxRecommendations { get; set; } = 10;

    /// <summary>Late evening starts at this hour, China time (UTC+8), and lasts until <see cref="MorningHourLocal"/>.</summary>
    public int LateEveningHourLocal { get; set; } = 21;

    public int MorningHourLocal { get; set; } = 6;
}
