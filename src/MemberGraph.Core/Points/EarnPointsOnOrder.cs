using MemberGraph.Domain;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>
/// What an order earns, in its transaction: each line's points by the earn rules (the birthday month multiplies them),
/// the order's total, and one lot with its EARN entry — pending until the return window closes. The member hears
/// <c>pointsChanged</c> once the order committed.
/// </summary>
public sealed class EarnPointsOnOrder(PointsLedger ledger, EarnRules rules, TimeProvider clock) : IDomainEventHandler<OrderRecorded>
{
    public async Task HandleAsync(OrderRecorded recorded, UnitOfWork work, CancellationToken cancellationToken)
    {
        var (db, order) = (work.Db, recorded.Order);
        var birthday = await db.Members.Where(m => m.Id == order.MemberId).Select(m => m.Birthday).FirstOrDefaultAsync(cancellationToken);
        var birthdayMonth = rules.IsBirthdayMonth(birthday, order.PaidAt);
        foreach (var line in order.Lines)
        {
            line.Points = rules.PointsForLine(order.Channel, line.Category, line.PaidShareCents, birthdayMonth);
        }

        order.PointsEarned = order.Lines.Sum(l => l.Points);
        if (order.PointsEarned <= 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var availableAt = rules.AvailableAt(order.PaidAt);
        var pending = availableAt > now;
        var points = order.PointsEarned;
        db.PointsLots.Add(new PointsLot
        {
            MemberId = order.MemberId,
            OrderId = order.Id,
            Earned = points,
            Remaining = points,
            EarnedAt = now,
            AvailableAt = pending ? availableAt : now,
            ExpiresAt = rules.ExpiresAt(order.PaidAt),
            Status = pending ? PointsLotStatus.Pending : PointsLotStatus.Available,
        });

        await ledger.EnsureAccountAsync(db, order.MemberId, cancellationToken);
        var (balance, pendingChange) = pending ? (0L, points) : (points, 0L);
        await ledger.AdjustAsync(db, order.MemberId, balance, pendingChange, cancellationToken);
        var after = await ledger.ReadAsync(db, order.MemberId, cancellationToken);
        var entry = ledger.Append(db, order.MemberId, PointsEntryKind.Earn, balance, pendingChange, after,
            LedgerReasons.Earned(order.Channel, order.ChannelOrderId), PointsSourceKind.Order, GlobalId.Encode("Order", order.Id), $"order:{order.Id}:earn");
        await db.SaveChangesAsync(cancellationToken);
        work.Publish(new PointsChanged(order.MemberId, after.Balance, after.Pending, entry, now));
    }
}
