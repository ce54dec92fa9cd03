using MemberGraph.Auth;
using MemberGraph.Domain;

namespace MemberGraph.Orders;

/// <summary>
/// A refund was recorded for the first time (a replay raises nothing): <see cref="Refund"/> is saved with its lines,
/// and <see cref="Order"/>'s lines, totals and status already include it; both are tracked by the unit of work.
/// <see cref="PointsToReverse"/> is the share of the order's points the refunded cents take back (computed on the
/// running totals, so successive refunds add up to exactly all the points).
/// </summary>
public sealed record OrderRefunded(Order Order, OrderRefund Refund, long PointsToReverse, Caller RefundedBy) : IDomainEvent
{
    public bool IsFullRefund => Order.Status == OrderStatus.FullyRefunded;
}
