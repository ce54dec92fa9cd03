using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Commission;

/// <summary>
/// Credits an order to a guide before the order is inserted (<see cref="OrderAttributor"/>: its guide code, its share link or
/// live stream, else the member's exclusive guide), so the row goes in with who and why instead of being updated after its
/// insert. The attribution, with the guide's store, is noted on the unit of work for <see cref="EarnCommissionOnOrder"/>.
/// It runs before the order's write turn: the guide's status is the one committed when it was read, not one held under the write
/// lock, so a guide deactivated in the same millisecond as the order may still be credited with it (as on PostgreSQL at READ COMMITTED).
/// </summary>
public sealed class AttributeOrder(OrderAttributor attributor) : IDomainEventHandler<OrderRecording>
{
    public async Task HandleAsync(OrderRecording recording, UnitOfWork work, CancellationToken cancellationToken)
    {
        var order = recording.Order;
        var attribution = await attributor.AttributeAsync(
            work.Db, order.GuideCode, order.ShareParameter, order.MemberId, order.StoreId, cancellationToken);
        work.Note(order, attribution);
        if (attribution.GuideId is { } guideId)
        {
            order.AttributedGuideId = guideId;
            order.AttributionSource = attribution.Source;
        }
    }
}
