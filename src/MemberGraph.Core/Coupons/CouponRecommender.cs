using System.Globalization;
using MemberGraph.Data;
using MemberGraph.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Coupons;

/// <summary>
/// Scene-aware coupon recommendations, by explicit rules (the practice of fruit chains: on a rainy evening people
/// order in; on a fine afternoon they walk to the shop):
/// <list type="number">
/// <item>Candidates are templates the member can claim now: active, claimable, in stock, window open, below the
///   member's limit. PARTNER benefits are not scene offers and are left out.</item>
/// <item>Nearby stores are those within <see cref="CouponOptions.NearbyStoreMeters"/> (haversine), nearest first.</item>
/// <item>The scene is STAY_IN when the weather is RAIN, SNOW or STORM, or the local time in China (UTC+8) is from
///   <see cref="CouponOptions.LateEveningHourLocal"/>:00 until <see cref="CouponOptions.MorningHourLocal"/>:00; otherwise GO_OUT.</item>
/// <item>DELIVERY and O2O templates are offered only when the member is inside the nearest store's delivery radius
///   and the template is usable at that store — never otherwise, whatever the scene.</item>
/// <item>IN_STORE templates are offered when usable at one of the <see cref="CouponOptions.NearestStores"/> nearest
///   stores, naming the nearest such store.</item>
/// <item>STAY_IN ranks delivery/O2O first, GO_OUT ranks in-store first; within a group the newest template first.</item>
/// </list>
/// Each recommendation carries the rule (<see cref="RecommendationReason"/>) and a sentence for the member.
/// </summary>
public sealed class CouponRecommender(IDbContextFactory<MemberGraphDb> factory, IOptions<CouponOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public async Task<CouponRecommendations> RecommendAsync(long memberId, RecommendationContext context, CancellationToken ct)
    {
        var settings = options.Value;
        var at = context.At is { } given ? CouponTemplateValidation.Utc(given) : clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var stores = await NearbyStores.FindAsync(db, context.Location, settings.NearbyStoreMeters, settings.NearestStores, ct);
        var holder = await CouponHolders.ResolveAsync(db, memberId, ct) ?? memberId;
        var candidates = await ClaimableTemplatesAsync(db, holder, at, ct);

        var localTime = at + ChinaOffset;
        var lateEvening = localTime.Hour >= settings.LateEveningHourLocal || localTime.Hour < settings.MorningHourLocal;
        var badWeather = context.Weather is Weather.Rain or Weather.Snow or Weather.Storm;
        var scene = badWeather || lateEvening ? RecommendationScene.StayIn : RecommendationScene.GoOut;
        var nearest = stores.FirstOrDefault();

        var delivery = new List<CouponRecommendation>();
        if (nearest is { WithinDeliveryRadius: true })
        {
            var (code, reason) = scene == RecommendationScene.GoOut ? (RecommendationReason.DeliveryNearby, $"{nearest.Store.Name}可送货上门（距你{Km(nearest.DistanceMeters)}公里）")
                : badWeather ? (RecommendationReason.BadWeatherDelivery, $"{WeatherWord(context.Weather)}不想出门：{nearest.Store.Name}可送货上门（距你{Km(nearest.DistanceMeters)}公里，在{Km(nearest.Store.DeliveryRadiusMeters)}公里配送范围内）")
                : (RecommendationReason.LateEveningDelivery, $"夜深了（{localTime:HH:mm}），{nearest.Store.Name}送货上门（距你{Km(nearest.DistanceMeters)}公里，在配送范围内）");
            delivery.AddRange(candidates
                .Where(t => t.Kind is CouponKind.Delivery or CouponKind.O2O && t.IsUsableAtStore(nearest.Store.Id))
                .Select(t => new CouponRecommendation(t, code, reason, nearest)));
        }

        var inStore = new List<CouponRecommendation>();
        foreach (var template in candidates.Where(t => t.Kind == CouponKind.InStore))
        {
            if (stores.FirstOrDefault(s => template.IsUsableAtStore(s.Store.Id)) is { } store)
            {
                inStore.Add(scene == RecommendationScene.GoOut
                    ? new(template, RecommendationReason.FineWeatherInStore, $"天气不错，去{store.Store.Name}逛逛，到店可用（距你{Km(store.DistanceMeters)}公里）", store)
                    : new(template, RecommendationReason.InStoreNearby, $"{store.Store.Name}到店可用（距你{Km(store.DistanceMeters)}公里）", store));
            }
        }

        var items = (scene == RecommendationScene.StayIn ? delivery.Concat(inStore) : inStore.Concat(delivery))
            .Take(settings.MaxRecommendations)
            .ToList();
        return new CouponRecommendations(scene, at, nearest, items);
    }

    /// <summary>Templates the member could claim at <paramref name="at"/>, newest first.</summary>
    private static async Task<List<CouponTemplate>> ClaimableTemplatesAsync(MemberGraphDb db, long memberId, DateTime at, CancellationToken ct)
    {
        var templates = await db.CouponTemplates.AsNoTracking()
            .Where(t => t.Status == CouponTemplateStatus.Active && t.Claimable && t.Kind != CouponKind.Partner && t.Issued < t.TotalStock
                        && (t.ValidDaysAfterIssue != null || t.ValidUntil > at))
            .OrderByDescending(t => t.Id)
            .Take(200)
            .ToListAsync(ct);
        var ids = templates.ConvertAll(t => t.Id);
        var held = await db.Coupons.AsNoTracking()
            .Where(c => c.MemberId == memberId && ids.Contains(c.TemplateId))
            .GroupBy(c => c.TemplateId)
            .Select(g => new { TemplateId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.TemplateId, x => x.Count, ct);
        return templates.Where(t => held.GetValueOrDefault(t.Id) < t.PerMemberLimit).ToList();
    }

    private static string Km(int meters) => (meters / 1000.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string WeatherWord(Weather weather) => weather switch
    {
        Weather.Rain => "下雨天",
        Weather.Snow => "下雪天",
        _ => "暴风雨天",
    };
}
