using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;

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
        var lineIds = refunding.Lines.Select(l => l.OrderLineId).ToList();
        var lines = await OfOrderLines.ListAsync(work.Db, [refunding.Order.Id, lineIds], cancellationToken);
        work.Note(refunding.Refund, new PlannedClawback(lines));
    }

    // Every refund runs it, so it skips EF's LINQ pipeline (see SqlRead); the rows stay untracked (written by their own UPDATE).
    private static readonly SqlRead<CommissionLine> OfOrderLines = new(_ => """
        SELECT * FROM "CommissionLines" WHERE "OrderId" = @orderId AND "OrderLineId" IN (@lineIds)
        """,
        row => row.Entity<CommissionLine>(),
        SqlArg.Of<long>("orderId"), SqlArg.ListOf<long>("lineIds"));
}
