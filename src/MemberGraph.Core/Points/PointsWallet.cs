using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;

namespace MemberGraph.Points;

/// <summary>
/// The points ledger as the coupon exchange sees it: spends inside the exchange's own transaction, so points
/// leave if and only if the coupon is issued.
/// </summary>
public sealed class PointsWallet(PointsService points) : IPointsWallet
{
    public async Task<Outcome<long>> SpendAsync(MemberGraphDb db, long memberId, long amount, string couponName, string source, string idempotencyKey,
        CancellationToken ct)
    {
        var reason = LedgerReasons.ExchangedForCoupon(couponName);
        var spent = await points.SpendAsync(db, memberId, amount, reason, new PointsSource(PointsSourceKind.Exchange, source), idempotencyKey, ct);
        return spent.Succeeded ? Outcome<long>.Ok(spent.Value!.Balance) : new Outcome<long>(0, spent.Error);
    }
}
