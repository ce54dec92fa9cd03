using MemberGraph.Audit;
using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Commission;

/// <summary>
/// An order is credited to a guide and earns them commission, in the order's transaction: <see cref="OrderAttributor"/>
/// picks the guide (the order's guide code, its share link or live stream, else the member's exclusive guide), the
/// order keeps who and why, and the lines of an attributed order earn commission by the rules (<see cref="OrderCommission"/>),
/// with the guide's totals moved by one atomic update. The guide hears <c>commissionUpdated</c> per line after the commit.
/// </summary>
public sealed class EarnCommissionOnOrder(OrderAttributor attributor, OrderCommission commission, AuditLog audit) : IDomainEventHandler<OrderRecorded>
{
    public async Task HandleAsync(OrderRecorded recorded, UnitOfWork work, CancellationToken cancellationToken)
    {
        var order = recorded.Order;
        var attribution = await attributor.AttributeAsync(
            work.Db, order.GuideCode, order.ShareParameter, order.MemberId, order.StoreId, cancellationToken);
        if (attribution.GuideId is not { } guideId)
        {
            return;
        }

        order.AttributedGuideId = guideId;
        order.AttributionSource = attribution.Source;
        var changes = await commission.EarnAsync(work.Db, order, attribution, cancellationToken);
        foreach (var changed in changes)
        {
            work.Publish(changed);
        }

        if (changes.Count > 0)
        {
            audit.Record(work.Db, recorded.RecordedBy, "commission.earn", $"Order:{order.Id}",
                $"Guide:{guideId} ({attribution.Source}) earned {changes.Sum(c => c.CommissionDeltaCents)} cents over {changes.Count} line(s)");
        }
    }
}
