using MemberGraph.Stores;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tags.Rules;

/// <summary>
/// Lives within a store's O2O delivery radius, from the member's home location. SQL keeps the batch's members inside
/// the radius's bounding box; the exact haversine distance is then checked in memory for those candidates only
/// (at most one batch of rows; SQLite has no trigonometry to do it in SQL on every build).
/// </summary>
public sealed class DeliveryRadiusRule : ITagRuleEvaluator
{
    public TagRuleKind Kind => TagRuleKind.WithinDeliveryRadius;

    public async Task<List<TagMatch>> MatchAsync(RuleContext context, TagRule rule, CancellationToken cancellationToken)
    {
        var store = await context.Db.Stores.AsNoTracking().FirstOrDefaultAsync(s => s.Code == rule.StoreCode, cancellationToken);
        if (store is null)
        {
            return [];
        }

        var centre = new GeoPoint(store.Latitude, store.Longitude);
        var candidates = await Candidates(context, centre, store.DeliveryRadiusMeters).AsNoTracking().ToListAsync(cancellationToken);
        return candidates
            .Where(c => centre.DistanceMetersTo(c.Latitude, c.Longitude) <= store.DeliveryRadiusMeters)
            .Select(c => new TagMatch { MemberId = c.MemberId })
            .ToList();
    }

    /// <summary>The batch's members whose home is inside the bounding box of the circle.</summary>
    public static IQueryable<HomeLocation> Candidates(RuleContext context, GeoPoint centre, int radiusMeters)
    {
        var (minLat, maxLat, minLon, maxLon) = centre.BoundingBox(radiusMeters);
        return context.Members
            .Where(m => m.HomeLatitude >= minLat && m.HomeLatitude <= maxLat && m.HomeLongitude >= minLon && m.HomeLongitude <= maxLon)
            .Select(m => new HomeLocation { MemberId = m.Id, Latitude = m.HomeLatitude!.Value, Longitude = m.HomeLongitude!.Value });
    }
}

/// <summary>A member's home location.</summary>
public sealed class HomeLocation
{
    public long MemberId { get; init; }
    public double Latitude { get; init; }
    public double Longitude { get; init; }
}
