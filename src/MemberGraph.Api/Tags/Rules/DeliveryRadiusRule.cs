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
        var (minLat, maxLat, minLon, maxLon) = centre.BoundingBox(store.DeliveryRadiusMeters);
        var candidates = await context.Members
            .Where(m => m.HomeLatitude >= minLat && m.HomeLatitude <= maxLat && m.HomeLongitude >= minLon && m.HomeLongitude <= maxLon)
            .Select(m => new { m.Id, Latitude = m.HomeLatitude!.Value, Longitude = m.HomeLongitude!.Value })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        return candidates
            .Where(c => centre.DistanceMetersTo(c.Latitude, c.Longitude) <= store.DeliveryRadiusMeters)
            .Select(c => new TagMatch { MemberId = c.Id })
            .ToList();
    }
}
