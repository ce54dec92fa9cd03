namespace MemberGraph.Partners;

/// <summary>
/// Brand points a partner credited on one business day, to one member or (<see cref="AllMembers"/>) in all: the counters
/// the daily caps of <see cref="PartnerCreditRule"/> are enforced on. A credit raises both rows with one conditional
/// UPDATE each (<c>Points + n &lt;= cap</c>) in its transaction, so parallel credits can never pass a cap together, on
/// any database.
/// </summary>
public sealed class PartnerDailyCredit
{
    /// <summary>The <see cref="MemberId"/> of the partner's all-members row.</summary>
    public const long AllMembers = 0;

    public long Id { get; set; }
    public long PartnerId { get; set; }
    public DateOnly BusinessDate { get; set; }
    public long MemberId { get; set; }
    public long Points { get; set; }
}
