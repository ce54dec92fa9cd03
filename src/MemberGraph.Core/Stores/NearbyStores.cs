using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Stores;

/// <summary>A store and how far it is from someone.</summary>
public sealed record NearbyStore(Store Store, int DistanceMeters)
{
    /// <summary>The person is inside the store's O2O delivery radius.</summary>
    public bool WithinDeliveryRadius => DistanceMeters <= Store.DeliveryRadiusMeters;
}

public static class NearbyStores
{
    /// <summary>Stores within <paramref name="maxMeters"/> of <paramref name="at"/>, nearest first: a bounding box in SQL, haversine in memory.</summary>
    public static async Task<IReadOnlyList<NearbyStore>> FindAsync(MemberGraphDb db, GeoPoint at, int maxMeters, int take, CancellationToken ct)
    {
        var (minLat, maxLat, minLon, maxLon) = at.BoundingBox(maxMeters);
        var stores = await db.Stores.AsNoTracking()
            .Where(s => s.Latitude >= minLat && s.Latitude <= maxLat && s.Longitude >= minLon && s.Longitude <= maxLon)
            .ToListAsync(ct);
        return stores
            .Select(s => new NearbyStore(s, (int)Math.Round(at.DistanceMetersTo(new GeoPoint(s.Latitude, s.Longitude)))))
            .Where(n => n.DistanceMeters <= maxMeters)
            .OrderBy(n => n.DistanceMeters)
            .ThenBy(n => n.Store.Id)
            .Take(take)
            .ToList();
    }
}
