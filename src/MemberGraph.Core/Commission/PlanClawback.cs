using MemberGraph.Domain;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Commission;

/// <summary>The commission lines of a refund's order lines, as read before the refund was written.</summary>
public sealed record PlannedClawback(List<CommissionLine> Lines);

/// <summary>
/// Reads the commission lines a refund may take back before the refund takes SQLite's writer's turn. What
/// <see cref="CommissionClawback"/> then takes back is computed from them and written only at the versions read: a settlement that
/// moved one of them since fails the refund, which then starts again and reads them inside the turn.
/// </summary>
public sealed class PlanClawback : IDomainEventHandler<OrderRefunding>
{
    public async Task HandleAsync(OrderRefunding refunding, UnitOfWork work, CancellationToken cancellationToken)
    {
        var orderId = refunding.Order.Id;
        var lineIds = refunding.Lines.Select(l => l.OrderLineId).ToList();
        var lines = await work.Db.CommissionLines.AsNoTracking()
            .Where(c => c.OrderId == orderId && lineIds.Contains(c.OrderLineId)).ToListAsync(cancellationToken);
        work.Note(refunding.Refund, new PlannedClawback(lines));
    }
}
