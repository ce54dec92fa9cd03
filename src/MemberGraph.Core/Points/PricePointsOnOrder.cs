using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Points;

/// <summary>
/// What each line of an order earns, set before the order is inserted (and before its write turn): the earn rules on the line's paid
/// share, the birthday month multiplying them, and the order's total. <see cref="EarnPointsOnOrder"/> then books the total once the order
/// has its id.
/// </summary>
public sealed class PricePointsOnOrder(EarnRules rules) : IDomainEventHandler<OrderRecording>
{
    public async Task HandleAsync(OrderRecording recording, UnitOfWork work, CancellationToken cancellationToken)
    {
        var order = recording.Order;
        var birthday = await BirthdayAsync(work.Db, order.MemberId, cancellationToken);
        var birthdayMonth = rules.IsBirthdayMonth(birthday, order.PaidAt);
        foreach (var line in order.Lines)
        {
            line.Points = rules.PointsForLine(order.Channel, line.Category, line.PaidShareCents, birthdayMonth);
        }

        order.PointsEarned = order.Lines.Sum(l => l.Points);
    }

    /// <summary>
    /// From the buyer's row when the context holds it already (finding a returning buyer, OneID read it on this order's context), else
    /// read: a returning buyer's order reads no birthday at all.
    /// </summary>
    private static async Task<DateOnly?> BirthdayAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        db.Members.Local.FindEntry(memberId)?.Entity is { } buyer
            ? buyer.Birthday
            : await PointsReads.BirthdayOf(db, memberId, cancellationToken);
}
