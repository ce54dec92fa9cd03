using MemberGraph.Coupons;
using MemberGraph.Domain;
using Microsoft.Extensions.Options;

namespace MemberGraph.Points;

/// <summary>
/// The points ledger as the coupon exchange sees it: spends inside the exchange's own unit of work, so points
/// leave if and only if the coupon is issued, and publishes the member's <see cref="PointsChanged"/> through it
/// (after the commit; a replayed debit changed nothing and publishes nothing).
/// </summary>
public sealed class PointsWallet(PointsService points, IOptions<PointsOptions> options, TimeProvider clock) : IPointsWallet
{
    public long MaxSpend => options.Value.MaxRedemption;

    public async Task<Outcome<long>> SpendAsync(UnitOfWork work, long memberId, long amount, string couponName, string source, string idempotencyKey,
        CancellationToken ct)
    {
        var reason = LedgerReasons.ExchangedForCoupon(couponName);
        var spent = await points.SpendAsync(work.Db, memberId, amount, reason, new PointsSource(PointsSourceKind.Exchange, source), idempotencyKey, ct);
        if (spent.Value is not { } debit)
        {
            return new Outcome<long>(0, spent.Error);
        }

        if (!debit.Replayed)
        {
            work.Publish(new PointsChanged(debit.Entry.MemberId, debit.Balance, debit.Pending, debit.Entry, clock.GetUtcNow().UtcDateTime));
        }

        return Outcome<long>.Ok(debit.Balance);
    }
}
