namespace MemberGraph.Stores;

/// <summary>A WGS-84 position (what the mini-program's <c>wx.getLocation</c> returns).</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusMeters = 6_371_008.8;

    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    /// <summary>Great-circle distance by the haversine formula; metres, good to well under 1% at city scale.</summary>
    public double DistanceMetersTo(GeoPoint other)
    {
        var lat1 = ToRadians(Latitude);
        var lat2 = ToRadians(other.Latitude);
        var dLat = lat2 - lat1;
        var dLon = ToRadians(other.Longitude - Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(lat1) * Math.Cos(lat2) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The latitude/longitude box that contains every point within <paramref name="meters"/> (for a cheap SQL pre-filter).</summary>
    public (double MinLat, double MaxLat, double MinLon, double MaxLon) BoundingBox(double meters)
    {
        var dLat = meters / 111_320.0;
        var dLon = meters / (111_320.0 * Math.Max(0.01, Math.Cos(ToRadians(Latitude))));
        return (Latitude - dLat, Latitude + dLat, Longitude - dLon, Longitude + dLon);
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
