using MemberGraph.Data;
using MemberGraph.Domain;

namespace MemberGraph.Coupons;

/// <summary>
/// What a points exchange needs from the points ledger: spend points inside the caller's DbContext and
/// transaction, so the points leave if and only if the coupon is issued. The points feature implements it
/// (<see cref="Points.PointsWallet"/> over <c>PointsService.SpendAsync</c>).
/// </summary>
public interface IPointsWallet
{
    /// <summary>
    /// Spends <paramref name="points"/> for a coupon of the template named <paramref name="couponName"/>, which the ledger
    /// entry names in the members' words (<see cref="Points.LedgerReasons"/>); the value is the balance left. Refuses with
    /// INSUFFICIENT_POINTS.
    /// </summary>
    Task<Outcome<long>> SpendAsync(MemberGraphDb db, long memberId, long points, string couponName, string source, string idempotencyKey,
        CancellationToken ct);
}
