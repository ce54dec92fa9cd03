using System.ComponentModel;
using MemberGraph.Orders;
using MemberGraph.Realtime;

namespace MemberGraph.Commission;

/// <summary>
/// A guide's commission moved (published after commit to "guide:{id}"): the guide's totals after the move and the
/// order line that moved them — <see cref="CommissionDeltaCents"/> is positive when earned, negative when clawed back.
/// <see cref="AmountCents"/> is the line's paid share when earned, the cents of the line the refund returned when clawed back.
/// </summary>
public sealed record CommissionChanged(
    long GuideId,
    CommissionTotals Totals,
    long OrderId,
    int LineNumber,
    string Sku,
    ProductCategory Category,
    long AmountCents,
    long CommissionDeltaCents,
    CommissionChangeReason Reason,
    DateTime OccurredAt)
    : IntegrationEvent($"guide:{GuideId}", OccurredAt);

public enum CommissionChangeReason
{
    [Description("An attributed order line earned commission.")]
    Earned = 1,

    [Description("A refund took commission back.")]
    ClawedBack = 2,
}
