using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Commission;

/// <summary>
/// Credits an order to a guide before the order is inserted (<see cref="OrderAttributor"/>: its guide code, its share link or
/// live stream, else the member's exclusive guide), so the row goes in with who and why instead of being updated after its
/// insert. The attribution, with the guide's store, is noted on the unit of work for <see cref="EarnCommissionOnOrder"/>.
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
