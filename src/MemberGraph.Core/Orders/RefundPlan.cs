using MemberGraph.Domain;

namespace MemberGraph.Orders;

/// <summary>How much of each order line one refund returns (quantity and cents of the line's paid share).</summary>
public sealed record RefundPart(OrderLine Line, int Quantity, long Cents);

/// <summary>
/// Turns a refund request into per-line parts. By lines: the named lines, all their remaining quantity unless a
/// quantity is given (cents proportional to quantity; the last unit takes what is left). By amount: the amount is
/// spread over the lines in proportion to what each can still return. Full: everything left.
/// </summary>
public static class RefundPlan
{
    public static Outcome<IReadOnlyList<RefundPart>> For(Order order, RefundOrderCommand command)
    {
        var kind = KindOf(command);
        var lines = order.Lines.OrderBy(l => l.LineNumber).ToList();
        IReadOnlyList<RefundPart> parts;
        if (kind == RefundKind.Lines)
        {
            var planned = new List<RefundPart>();
            foreach (var request in command.Lines!)
            {
                var line = lines.FirstOrDefault(l => l.LineNumber == request.LineNumber);
                if (line is null)
                {
                    return Outcome<IReadOnlyList<RefundPart>>.Refused(UserErrorCode.InvalidInput, $"The order has no line {request.LineNumber}.", "lines");
                }

                var left = line.Quantity - line.RefundedQuantity;
                var quantity = request.Quantity ?? left;
                if (quantity < 1 || quantity > left)
                {
                    return Outcome<IReadOnlyList<RefundPart>>.Refused(UserErrorCode.RefundExceedsOrder,
                        $"Line {line.LineNumber} has {left} units left to refund; {quantity} were asked for.", "lines");
                }

                var cents = quantity == left ? line.RefundableCents : Math.Min(line.RefundableCents, Allocation.Scale(line.PaidShareCents, quantity, line.Quantity));
                planned.Add(new RefundPart(line, quantity, cents));
            }

            parts = planned;
        }
        else if (kind == RefundKind.Amount)
        {
            var amount = command.AmountCents!.Value;
            if (amount > order.RefundableCents)
            {
                return Outcome<IReadOnlyList<RefundPart>>.Refused(UserErrorCode.RefundExceedsOrder,
                    $"{order.RefundableCents} cents are left to refund; {amount} were asked for.", "amountCents");
            }

            var spread = Allocation.Proportional(amount, lines.ConvertAll(l => l.RefundableCents));
            parts = lines.Select((line, i) => new RefundPart(line, 0, spread[i])).Where(p => p.Cents > 0).ToList();
        }
        else
        {
            parts = lines.Where(l => l.RefundableCents > 0 || l.RefundedQuantity < l.Quantity)
                .Select(l => new RefundPart(l, l.Quantity - l.RefundedQuantity, l.RefundableCents)).ToList();
            if (order.Status == OrderStatus.FullyRefunded || parts.Count == 0)
            {
                return Outcome<IReadOnlyList<RefundPart>>.Refused(UserErrorCode.RefundExceedsOrder, "The order is already fully refunded.", "orderId");
            }
        }

        return Outcome<IReadOnlyList<RefundPart>>.Ok(parts);
    }

    public static RefundKind KindOf(RefundOrderCommand command) =>
        command.Lines is not null ? RefundKind.Lines : command.AmountCents is not null ? RefundKind.Amount : RefundKind.Full;

    /// <summary>
    /// Points to take back when a line's refunded cents go from <paramref name="before"/> to <paramref name="after"/>:
    /// the line's points in proportion, computed on the running total so partial refunds add up to exactly all points.
    /// </summary>
    public static long PointsToReverse(OrderLine line, long before, long after) =>
        line.PaidShareCents == 0 ? 0 : Allocation.Scale(line.Points, after, line.PaidShareCents) - Allocation.Scale(line.Points, before, line.PaidShareCents);
}
