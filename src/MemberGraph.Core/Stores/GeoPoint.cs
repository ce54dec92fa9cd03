namespace MemberGraph.Stores;

/// <summary>A point on the earth in WGS-84 degrees (what <c>wx.getLocation</c> returns with <c>type: 'wgs84'</c>).</summary>
public sealed record GeoPoint
{
    /// <summary>Mean earth radius (IUGG), in meters.</summary>
    private const double EarthRadiusMeters = 6_371_008.8;

    public GeoPoint()
    {
    }

    public GeoPoint(double latitude, double longitude)
    {
        Latitude = latitude;
        Longitude = longitude;
    }

    public double Latitude { get; init; }
    public double Longitude { get; init; }

    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    /// <summary>Great-circle distance by the haversine formula: within a few meters at city scale, which is all a store list needs.</summary>
    public double DistanceMetersTo(double latitude, double longitude)
    {
        var lat1 = ToRadians(Latitude);
        var lat2 = ToRadians(latitude);
        var dLat = ToRadians(latitude - Latitude);
        var dLng = ToRadians(longitude - Longitude);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public double DistanceMetersTo(Store store) => DistanceMetersTo(store.Latitude, store.Longitude);

    public double DistanceMetersTo(GeoPoint other) => DistanceMetersTo(other.Latitude, other.Longitude);

    /// <summary>The latitude/longitude box that contains every point within <paramref name="meters"/> (for a cheap SQL pre-filter).</summary>
    public (double MinLat, double MaxLat, double MinLon, double MaxLon) BoundingBox(double meters)
    {
        var dLat = meters / 111_320.0;
        var dLon = meters / (111_320.0 * Math.Max(0.01, Math.Cos(ToRadians(Latitude))));
        return (Latitude - dLat, Latitude + dLat, Longitude - dLon, Longitude + dLon);
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
