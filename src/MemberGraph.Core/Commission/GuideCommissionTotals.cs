namespace MemberGraph.Commission;

/// <summary>
/// A guide's running commission totals, one row per guide, updated in the same transaction as the commission lines by
/// atomic <c>UPDATE ... SET x = x + @delta</c> statements (never read-modify-write), so parallel orders for one guide
/// never lose an update. <see cref="TodayCents"/> counts for <see cref="Day"/> only and <see cref="MonthCents"/> for
/// <see cref="Month"/> only: the first movement of a new day or month starts them over. Today and month are the net
/// commission booked in that period (earned minus clawed back), in the business calendar (China time).
/// </summary>
public sealed class GuideCommissionTotals
{
    public long GuideId { get; set; }

    /// <summary>The business day <see cref="TodayCents"/> belongs to.</summary>
    public DateOnly Day { get; set; }

    public long TodayCents { get; set; }

    /// <summary>The first day of the business month <see cref="MonthCents"/> belongs to.</summary>
    public DateOnly Month { get; set; }

    public long MonthCents { get; set; }

    /// <summary>Net commission of pending lines.</summary>
    public long PendingCents { get; set; }

    /// <summary>Net commission of settled lines (a refund after settlement lowers it).</summary>
    public long SettledCents { get; set; }

    /// <summary>Everything refunds ever took back.</summary>
    public long ClawedBackCents { get; set; }

    public DateTime UpdatedAt { get; set; }
}
