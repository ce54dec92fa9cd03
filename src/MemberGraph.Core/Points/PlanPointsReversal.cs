using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Points;

/// <summary>What a refund takes back from its order's points lot, decided before the refund is written.</summary>
/// <param name="Lot">The order's lot as read (untracked: <see cref="ReversePointsOnRefund"/> writes it by a statement of its own), or null when the order earned none.</param>
/// <param name="Cancelled">The pending points the refund cancels on it.</param>
public sealed record PlannedReversal(PointsLot? Lot, long Cancelled);

/// <summary>
/// Reads the order's points lot before the refund takes SQLite's writer's turn and decides the pending points it cancels, so the
/// refund's row goes in with its points figures. The lot is written at the version read (its concurrency token): a maturing or a
/// redemption that moved it since fails the refund, which then starts again and reads it inside the turn. What available points
/// are deducted is decided by <see cref="ReversePointsOnRefund"/> inside the turn, on the balance as it is then.
/// </summary>
public sealed class PlanPointsReversal : IDomainEventHandler<OrderRefunding>
{
    public async Task HandleAsync(OrderRefunding refunding, UnitOfWork work, CancellationToken cancellationToken)
    {
        var (order, refund, points) = (refunding.Order, refunding.Refund, refunding.PointsToReverse);
        if (points <= 0)
        {
            return;
        }

        var lot = await LotOfOrder.FirstOrDefaultAsync(work.Db, [order.Id], cancellationToken);
        var cancelled = lot is { Status: PointsLotStatus.Pending } ? Math.Min(points, lot.Remaining) : 0;
        refund.PointsCancelled = cancelled;
        refund.PointsShortfall = points - cancelled; // until the deduction inside the turn covers some of it
        work.Note(refund, new PlannedReversal(lot, cancelled));
    }

    // Every refund of an order with points runs it, so it skips EF's LINQ pipeline (see SqlRead).
    private static readonly SqlRead<PointsLot> LotOfOrder = new(sql => $"""
        SELECT {sql.Top(1)} * FROM "PointsLots" WHERE "OrderId" = @orderId {sql.Limit(1)}
        """,
        row => row.Entity<PointsLot>(),
        SqlArg.Of<long>("orderId"));
}
