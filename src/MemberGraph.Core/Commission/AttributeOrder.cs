using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Commission;

/// <summary>
/// Credits an order to a guide before the order is inserted (<see cref="OrderAttributor"/>: its guide code, its share link or
/// live stream, else the member's exclusive guide), so the row goes in with who and why instead of being updated after its
/// insert, and prices what each line earns (<see cref="OrderCommission.PriceAsync"/>). The attribution, with the guide's store, and
/// the priced lines are noted on the unit of work for <see cref="EarnCommissionOnOrder"/>, which only writes them inside the turn.
/// It runs before the order's write turn: the guide's status and the rates are the ones committed when they were read, not ones held
/// under the write lock, so a guide deactivated in the same millisecond as the order may still be credited with it (as on PostgreSQL
/// at READ COMMITTED).
/// </summary>
public sealed class AttributeOrder(OrderAttributor attributor, OrderCommission commission) : IDomainEventHandler<OrderRecording>
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

        work.Note(order, await commission.PriceAsync(work.Db, order, attribution, cancellationToken));
    }
}
