using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>What a coupon write left behind, for the claim and write-off checks: the coupon, its history, its audit lines.</summary>
internal static class CouponRows
{
    /// <summary>Without the coupon's id, code and times (they differ by nature); its window is kept relative to the issue.</summary>
    public static async Task<string> DescribeAsync(BenchGateway gateway, long couponId)
    {
        await using var db = await gateway.DbAsync();
        var c = await db.Coupons.AsNoTracking().SingleAsync(c => c.Id == couponId);
        var history = await db.CouponHistory.AsNoTracking().Where(h => h.CouponId == couponId).OrderBy(h => h.Id)
            .Select(h => $"{h.Event} store {h.StoreId} {h.OrderRef} {h.OrderAmountCents} {h.DiscountCents}").ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Target == $"Coupon:{couponId}").OrderBy(e => e.Id)
            .Select(e => e.Operation + " " + e.Role + " " + e.Subject + " " + e.Detail).ToListAsync();
        return $"""
            coupon: template {c.TemplateId} member {c.MemberId} {c.Status} {c.Source} from +{c.ValidFrom - c.IssuedAt} until +{c.ValidUntil - c.IssuedAt} code length {c.Code.Length}
              guide {c.SentByGuideId} key {c.IdempotencyKey} reserved {c.ReservedForOrderRef} redeemed {c.RedeemedAt is not null} store {c.RedeemedStoreId} order {c.RedeemedOrderRef} {c.RedeemedOrderAmountCents} {c.RedeemedDiscountCents}
            history: {string.Join("; ", history)}
            audit: {string.Join("; ", audit)}
            """;
    }
}
