using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Members;

/// <summary>
/// An order or a refund marks the buyer as changed (<see cref="MemberTouch"/>), so the incremental tagging run looks
/// at them again.
/// </summary>
public sealed class TouchMemberOnOrder : IDomainEventHandler<OrderRecorded>, IDomainEventHandler<OrderRefunded>
{
    public Task HandleAsync(OrderRecorded recorded, UnitOfWork work, CancellationToken cancellationToken) =>
        MemberTouch.TouchAsync(work.Db, recorded.Order.MemberId, recorded.Order.RecordedAt, cancellationToken);

    public Task HandleAsync(OrderRefunded refunded, UnitOfWork work, CancellationToken cancellationToken) =>
        MemberTouch.TouchAsync(work.Db, refunded.Order.MemberId, refunded.Refund.RefundedAt, cancellationToken);
}
