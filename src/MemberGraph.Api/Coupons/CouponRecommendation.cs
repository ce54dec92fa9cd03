using MemberGraph.Stores;

namespace MemberGraph.Coupons;

/// <summary>Where the member is, what the weather is like, and when (now when not given).</summary>
public sealed record RecommendationContext(GeoPoint Location, Weather Weather, DateTime? At);

public enum Weather
{
    Sunny = 1,
    Cloudy = 2,
    Rain = 3,
    Snow = 4,
    Storm = 5,
}

/// <summary>The scene the rules see: stay in (bad weather or late evening) or go out (fine weather, daytime).</summary>
public enum RecommendationScene
{
    StayIn = 1,
    GoOut = 2,
}

/// <summary>Which rule recommended a template.</summary>
public enum RecommendationReason
{
    /// <summary>Rain, snow or storm and the member is inside the nearest store's delivery radius.</summary>
    BadWeatherDelivery = 1,

    /// <summary>Late evening (China time) and the member is inside the nearest store's delivery radius.</summary>
    LateEveningDelivery = 2,

    /// <summary>Fine weather and the coupon is usable at one of the nearest stores.</summary>
    FineWeatherInStore = 3,

    /// <summary>Stay-in scene, but the coupon is usable at a nearby store (ranked after delivery).</summary>
    InStoreNearby = 4,

    /// <summary>Go-out scene, but the member is inside the delivery radius (ranked after in-store).</summary>
    DeliveryNearby = 5,
}

public sealed record CouponRecommendation(CouponTemplate Template, RecommendationReason ReasonCode, string Reason, NearbyStore Store);

public sealed record CouponRecommendations(RecommendationScene Scene, DateTime At, NearbyStore? NearestStore, IReadOnlyList<CouponRecommendation> Items);
