using MemberGraph.Auth;
using MemberGraph.Domain;

namespace MemberGraph.Orders;

/// <summary>
/// A refund is planned and about to be written: <see cref="Refund"/> is not saved yet, <see cref="Order"/>'s lines and totals
/// already include it, <see cref="Lines"/> are the refund's lines (not saved either). Raised on a prepared unit of work, so its
/// handlers only read (on SQLite before the writer's turn) and note what they decided for their <see cref="OrderRefunded"/>
/// handler; what they decide goes into the refund's row (its points figures) instead of an UPDATE after it. The writes that
/// follow re-check what they read (a lot's or a commission line's version), so a decision taken on a row that moved since fails
/// the refund, which then starts again.
/// </summary>
public sealed record OrderRefunding(Order Order, OrderRefund Refund, IReadOnlyList<OrderRefundLine> Lines, long PointsToReverse, Caller RefundedBy) : IDomainEvent;
