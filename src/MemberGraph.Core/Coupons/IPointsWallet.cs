using MemberGraph.Domain;

namespace MemberGraph.Coupons;

/// <summary>
/// What a points exchange needs from the points ledger: spend points inside the caller's unit of work, so the points
/// leave if and only if the coupon is issued, and the member's <c>pointsChanged</c> subscribers hear of it once that
/// unit of work committed (never when it was refused or rolled back). The points feature implements it
/// (<see cref="Points.PointsWallet"/> over <c>PointsService.SpendAsync</c>).
/// </summary>
public interface IPointsWallet
{
    /// <summary>The most points one spend may take (<c>Points:MaxRedemption</c>): no coupon may cost more.</summary>
    long MaxSpend { get; }

    /// <summary>
    /// Spends <paramref name="points"/> for a coupon of the template named <paramref name="couponName"/>, which the ledger
    /// entry names in the members' words (<see cref="Points.LedgerReasons"/>), on <paramref name="work"/>'s context and
    /// transaction; the value is the balance left. A debit that happened adds its <c>PointsChanged</c> to
    /// <paramref name="work"/>, published after the commit. Refuses with INSUFFICIENT_POINTS.
    /// </summary>
    Task<Outcome<long>> SpendAsync(UnitOfWork work, long memberId, long points, string couponName, string source, string idempotencyKey,
        CancellationToken ct);
}
