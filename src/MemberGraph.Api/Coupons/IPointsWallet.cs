using MemberGraph.Data;
using MemberGraph.Domain;

namespace MemberGraph.Coupons;

/// <summary>
/// What a points exchange needs from the points ledger: spend points inside the caller's DbContext and
/// transaction, so the points leave if and only if the coupon is issued. The points feature implements it
/// (<c>PointsService.SpendAsync</c>); until it is wired in, <see cref="UnavailablePointsWallet"/> refuses.
/// </summary>
public interface IPointsWallet
{
    /// <summary>Spends <paramref name="points"/>; the value is the balance left. Refuses with INSUFFICIENT_POINTS.</summary>
    Task<Outcome<long>> SpendAsync(MemberGraphDb db, long memberId, long points, string reason, string source, string idempotencyKey, CancellationToken ct);
}

/// <summary>
/// The honest placeholder while no points ledger is part of the gateway: every spend is refused as
/// INSUFFICIENT_POINTS (there are no points to spend), so an exchange issues nothing and takes no stock.
/// </summary>
public sealed class UnavailablePointsWallet : IPointsWallet
{
    public Task<Outcome<long>> SpendAsync(MemberGraphDb db, long memberId, long points, string reason, string source, string idempotencyKey, CancellationToken ct) =>
        Task.FromResult(Outcome<long>.Refused(GraphQL.UserErrorCode.InsufficientPoints, "Points can't be spent yet: the points ledger is not available.", "templateId"));
}
