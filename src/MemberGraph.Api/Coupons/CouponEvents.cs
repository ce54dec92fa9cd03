using MemberGraph.Realtime;

namespace MemberGraph.Coupons;

/// <summary>
/// Publishes <see cref="CouponChanged"/> after a commit. The change is already durable then, so a bus failure is
/// logged, not turned into a failed mutation.
/// </summary>
public sealed class CouponEvents(IEventBus bus, TimeProvider clock, ILogger<CouponEvents> logger)
{
    public async Task PublishAsync(Coupon coupon, CouponChange change, CancellationToken ct) =>
        await PublishAsync(new CouponChanged(coupon.MemberId, coupon.Id, coupon.TemplateId, change, coupon.Status, coupon.ValidUntil, clock.GetUtcNow().UtcDateTime), ct);

    public async Task PublishAsync(CouponChanged change, CancellationToken ct)
    {
        try
        {
            await bus.PublishAsync(change, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not publish {Change} of coupon {CouponId} to {Audience}", change.Change, change.CouponId, change.Audience);
        }
    }
}
