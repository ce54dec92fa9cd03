using System.ComponentModel;

using MemberGraph.Stores;

namespace MemberGraph.Coupons;

/// <summary>Where the member is, what the weather is like, and when (now when not given).</summary>
public sealed record RecommendationContext(GeoPoint Location, Weather Weather, DateTime? At);

public enum Weather
{
    [Description("Sunny.")]
    Sunny = 1,

    [Description("Cloudy or overcast, but dry.")]
    Cloudy = 2,

    [Description("Rain.")]
    Rain = 3,

    [Description("Snow.")]
    Snow = 4,

    [Description("Storm or typhoon.")]
    Storm = 5,
}

/// <summary>The scene the rules see: stay in (bad weather or late evening) or go out (fine weather, daytime).</summary>
public enum RecommendationScene
{
    [Description("Bad weather or late evening: delivery first.")]
    StayIn = 1,

    [Description("Fine weather in the day: in-store first.")]
    GoOut = 2,
}

/// <summary>Which rule recommended a template.</summary>
public enum RecommendationReason
{
    [Description("Rain, snow or storm, and the member is inside the nearest store's delivery radius.")]
    BadWeatherDelivery = 1,

    [Description("Late evening (China time), and the member is inside the nearest store's delivery radius.")]
    LateEveningDelivery = 2,

    [Description("Fine weather, and the coupon is usable at one of the nearest stores.")]
    FineWeatherInStore = 3,

    [Description("Usable at a nearby store (ranked after delivery when staying in).")]
    InStoreNearby = 4,

    [Description("The member is inside the delivery radius (ranked after in-store when going out).")]
    DeliveryNearby = 5,
}

public sealed record CouponRecommendation(CouponTemplate Template, RecommendationReason ReasonCode, string Reason, NearbyStore Store);

public sealed record CouponRecommendations(RecommendationScene Scene, DateTime At, NearbyStore? NearestStore, IReadOnlyList<CouponRecommendation> Items);
