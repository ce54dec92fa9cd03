using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Coupons;

/// <summary>
/// The scheduled coupon steps (the jobs issue runs them from Quartz): expire coupons whose window closed, and
/// announce coupons about to expire — each coupon once. Both work in batches by conditional UPDATEs, so a
/// coupon written off meanwhile is never expired.
/// </summary>
public sealed class CouponExpiry(
    IDbContextFactory<MemberGraphDb> factory,
    AuditLog audit,
    DomainEventDispatcher events,
    IOptions<CouponOptions> options,
    TimeProvider clock,
    ILogger<CouponExpiry> logger)
{
    public const int BatchSize = 500;

    private static readonly Caller Job = new("job:coupon-expiry", "job", null, null, null, null, new HashSet<string>());

    /// <summary>Marks available and reserved coupons whose window closed by <paramref name="now"/> as expired; returns how many.</summary>
    public async Task<int> ExpireCouponsAsync(DateTime now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var due = await db.Coupons.AsNoTracking()
                .Where(c => (c.Status == CouponStatus.Available || c.Status == CouponStatus.Reserved) && c.ValidUntil <= now)
                .OrderBy(c => c.Id)
                .Select(c => c.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }

            await using var work = await events.BeginAsync(db, ct);
            var expired = await db.Coupons
                .Where(c => due.Contains(c.Id) && (c.Status == CouponStatus.Available || c.Status == CouponStatus.Reserved) && c.ValidUntil <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CouponStatus.Expired).SetProperty(c => c.ExpiredAt, now), ct);
            var changed = await db.Coupons.AsNoTracking().Where(c => due.Contains(c.Id) && c.Status == CouponStatus.Expired && c.ExpiredAt == now).ToListAsync(ct);
            foreach (var coupon in changed)
            {
                CouponHistory.Record(db, coupon.Id, CouponHistoryEvent.Expired, now);
                work.Publish(CouponChanged.Of(coupon, CouponChange.Expired, clock.GetUtcNow().UtcDateTime));
            }

            audit.Record(db, Job, "expireCoupons", "Coupons", $"{expired} coupons expired (ids {changed.FirstOrDefault()?.Id}..{changed.LastOrDefault()?.Id})");
            await work.CommitAsync(ct);
            total += expired;

            logger.LogInformation("Coupon expiry: {Count} coupons expired in this batch", expired);
        }

        return total;
    }

    /// <summary>
    /// Announces (CouponChanged ExpiringSoon) each available coupon whose window closes within
    /// <see cref="CouponOptions.ExpiringSoonHours"/> of <paramref name="now"/>, once per coupon; returns how many.
    /// </summary>
    public async Task<int> NotifyExpiringSoonAsync(DateTime now, CancellationToken ct)
    {
        var horizon = now.AddHours(options.Value.ExpiringSoonHours);
        var total = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var due = await db.Coupons.AsNoTracking()
                .Where(c => c.Status == CouponStatus.Available && c.ValidUntil > now && c.ValidUntil <= horizon && c.ExpiringSoonNotifiedAt == null)
                .OrderBy(c => c.Id)
                .Select(c => c.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }

            await using var work = await events.BeginAsync(db, ct);
            total += await db.Coupons
                .Where(c => due.Contains(c.Id) && c.ExpiringSoonNotifiedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiringSoonNotifiedAt, now), ct);
            var marked = await db.Coupons.AsNoTracking().Where(c => due.Contains(c.Id) && c.ExpiringSoonNotifiedAt == now).ToListAsync(ct);
            foreach (var coupon in marked)
            {
                work.Publish(CouponChanged.Of(coupon, CouponChange.ExpiringSoon, clock.GetUtcNow().UtcDateTime));
                work.Raise(new CouponExpiringSoon(coupon.Id, coupon.MemberId, coupon.ValidUntil, now));
            }

            await work.CommitAsync(ct);
        }

        return total;
    }
}
