using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Members;

/// <summary>An order marks its buyer as changed (<see cref="MemberTouch"/>), so the incremental tagging run looks at them again.</summary>
public sealed class TouchMemberOnOrder : IDomainEventHandler<OrderRecorded>
{
    public Task HandleAsync(OrderRecorded recorded, UnitOfWork work, CancellationToken cancellationToken) =>
        MemberTouch.TouchAsync(work.Db, recorded.Order.MemberId, recorded.Order.RecordedAt, cancellationToken);
}
