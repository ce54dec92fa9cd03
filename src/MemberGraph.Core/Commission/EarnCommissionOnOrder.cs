using MemberGraph.Audit;
using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Commission;

/// <summary>
/// An order credited to a guide earns them commission, in the order's transaction: <see cref="AttributeOrder"/> picked the
/// guide and priced each line before the insert, and here the priced lines are written and the guide's totals moved by one atomic
/// update (<see cref="OrderCommission.EarnAsync"/>). The guide hears <c>commissionUpdated</c> per line after the commit.
/// </summary>
public sealed class EarnCommissionOnOrder(OrderCommission commission, AuditLog audit) : IDomainEventHandler<OrderRecorded>
{
    public async Task HandleAsync(OrderRecorded recorded, UnitOfWork work, CancellationToken cancellationToken)
    {
        var order = recorded.Order;
        var attribution = work.Noted<Attribution>(order)
            ?? throw new InvalidOperationException($"Order:{order.Id} was recorded without being attributed first ({nameof(AttributeOrder)}).");
        if (attribution.GuideId is not { } guideId)
        {
            return;
        }

        var priced = work.Noted<PricedCommission>(order)
            ?? throw new InvalidOperationException($"Order:{order.Id} was recorded without its commission priced first ({nameof(AttributeOrder)}).");
        var changes = await commission.EarnAsync(work.Db, order, priced, cancellationToken);
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
