using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Realtime;

namespace MemberGraph.Orders;

/// <summary>
/// A refund being written, handed to other features inside the refund's transaction: <see cref="Db"/> holds the
/// open transaction, <see cref="Refund"/> is saved (it has its id) and the order's totals and status are updated.
/// Whatever a listener changes on <see cref="Db"/> commits or rolls back with the refund; domain events a listener
/// adds to <see cref="AfterCommit"/> are published once the refund committed (never when it rolled back).
/// </summary>
public sealed record OrderRefundContext(MemberGraphDb Db, Order Order, OrderRefund Refund, Caller Actor)
{
    public bool IsFullRefund => Order.Status == OrderStatus.FullyRefunded;

    /// <summary>Events to publish after the refund's transaction commits, in order.</summary>
    public List<DomainEvent> AfterCommit { get; init; } = [];
}

/// <summary>
/// The seam for features that react to refunds in the same transaction — the coupon feature releases or voids the
/// coupons the order used or earned. Register implementations in DI; they run in registration order. A listener
/// that throws rolls the whole refund back (and the caller sees an internal error), so refuse nothing here:
/// apply the rules and record what happened.
/// </summary>
public interface IOrderRefundListener
{
    Task OnOrderRefundedAsync(OrderRefundContext refund, CancellationToken cancellationToken);
}
