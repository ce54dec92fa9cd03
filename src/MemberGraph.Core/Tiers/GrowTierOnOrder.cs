using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Tiers;

/// <summary>
/// An order adds to the member's growth: when it reaches a higher level the member goes up at once, in the order's
/// transaction, and <see cref="TierChanged"/> is raised (and published after the commit). Refunds lower growth but
/// not the level: only the recompute does that, so there is no handler for them here. On SQLite the growth read also marks the buyer
/// as changed for tagging, in the same statement (see <see cref="TierService.ApplyOrderAsync"/>).
/// </summary>
public sealed class GrowTierOnOrder(TierService tiers) : IDomainEventHandler<OrderRecorded>
{
    public async Task HandleAsync(OrderRecorded recorded, UnitOfWork work, CancellationToken cancellationToken)
    {
        var order = recorded.Order;
        if (await tiers.ApplyOrderAsync(work.Db, order.MemberId, order.Id, order.RecordedAt, cancellationToken) is { } changed)
        {
            work.Raise(changed);
        }
    }
}
