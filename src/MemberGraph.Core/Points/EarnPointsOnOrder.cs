using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Points;

/// <summary>
/// What an order earns, in its transaction: the points <see cref="PricePointsOnOrder"/> put on its lines before it was
/// inserted, as one lot with its EARN entry — pending until the return window closes. The member hears
/// <c>pointsChanged</c> once the order committed. The lot and the entry go in together, untracked (nothing later in the
/// order's transaction changes them): on SQLite by a statement each, without the cost of a SaveChanges.
/// </summary>
public sealed class EarnPointsOnOrder(PointsLedger ledger, EarnRules rules, TimeProvider clock) : IDomainEventHandler<OrderRecorded>
{
    public async Task HandleAsync(OrderRecorded recorded, UnitOfWork work, CancellationToken cancellationToken)
    {
        var (db, order) = (work.Db, recorded.Order);
        if (order.PointsEarned <= 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var availableAt = rules.AvailableAt(order.PaidAt);
        var pending = availableAt > now;
        var points = order.PointsEarned;
        var lot = new PointsLot
        {
            MemberId = order.MemberId,
            OrderId = order.Id,
            Earned = points,
            Remaining = points,
            EarnedAt = now,
            AvailableAt = pending ? availableAt : now,
            ExpiresAt = rules.ExpiresAt(order.PaidAt),
            Status = pending ? PointsLotStatus.Pending : PointsLotStatus.Available,
        };

        var (balance, pendingChange) = pending ? (0L, points) : (points, 0L);
        var after = await ledger.CreditAsync(db, order.MemberId, balance, pendingChange, cancellationToken);
        var entry = ledger.EntryFor(order.MemberId, PointsEntryKind.Earn, balance, pendingChange, after,
            LedgerReasons.Earned(order.Channel, order.ChannelOrderId), PointsSourceKind.Order, GlobalId.Encode("Order", order.Id), $"order:{order.Id}:earn");
        await MultiRowInsert.InsertUntrackedAsync(db, [lot, entry], cancellationToken);
        work.Publish(new PointsChanged(order.MemberId, after.Balance, after.Pending, entry, now));
    }
}
