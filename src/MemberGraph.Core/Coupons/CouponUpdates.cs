using MemberGraph.Domain;

namespace MemberGraph.Coupons;

/// <summary>
/// Issues and write-offs as the member's <c>couponUpdated</c> subscribers hear them: a <see cref="CouponChanged"/>
/// published once the change committed. (Reservations, releases and expiries publish theirs where they happen: no
/// other feature reacts to them.)
/// </summary>
public sealed class CouponUpdates(TimeProvider clock) : IDomainEventHandler<CouponIssued>, IDomainEventHandler<CouponRedeemed>
{
    public Task HandleAsync(CouponIssued issued, UnitOfWork work, CancellationToken cancellationToken) =>
        Publish(work, issued.Coupon, CouponChange.Issued);

    public Task HandleAsync(CouponRedeemed redeemed, UnitOfWork work, CancellationToken cancellationToken) =>
        Publish(work, redeemed.Coupon, CouponChange.Redeemed);

    private Task Publish(UnitOfWork work, Coupon coupon, CouponChange change)
    {
        work.Publish(CouponChanged.Of(coupon, change, clock.GetUtcNow().UtcDateTime));
        return Task.CompletedTask;
    }
}
