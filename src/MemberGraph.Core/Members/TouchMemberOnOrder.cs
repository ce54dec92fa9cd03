using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>
/// An order or a refund marks the buyer as changed (<see cref="MemberTouch"/>), so the incremental tagging run looks
/// at them again.
/// </summary>
public sealed class TouchMemberOnOrder : IDomainEventHandler<OrderRecorded>, IDomainEventHandler<OrderRefunded>
{
    /// <remarks>
    /// On SQLite the Tiers feature's growth read of the order touches the buyer in its own statement (<c>TierReads.TouchAndReadGrowthAsync</c>):
    /// one statement fewer inside the writer's turn. Elsewhere the touch stays here, where it takes the member's row lock first.
    /// </remarks>
    public Task HandleAsync(OrderRecorded recorded, UnitOfWork work, CancellationToken cancellationToken) =>
        work.Db.Engine == DatabaseKind.Sqlite
            ? Task.CompletedTask
            : MemberTouch.TouchAsync(work.Db, recorded.Order.MemberId, recorded.Order.RecordedAt, cancellationToken);

    public Task HandleAsync(OrderRefunded refunded, UnitOfWork work, CancellationToken cancellationToken) =>
        MemberTouch.TouchAsync(work.Db, refunded.Order.MemberId, refunded.Refund.RefundedAt, cancellationToken);
}
