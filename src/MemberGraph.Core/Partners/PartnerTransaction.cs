namespace MemberGraph.Partners;

/// <summary>
/// One thing that happened between the brand and a partner and that the two settle (对账): a partner benefit written off
/// at the partner's counter, brand points a member exchanged for a partner benefit, or partner points credited into the
/// brand's ledger. Only appended. A partner's own transaction id is unique per partner and kind, which is what makes
/// <c>redeemPartnerBenefit</c> and <c>creditPartnerPoints</c> idempotent: the unique index is where parallel replays meet.
/// </summary>
public sealed class PartnerTransaction
{
    public const int TransactionIdMaxLength = 64;

    public long Id { get; set; }
    public long PartnerId { get; set; }
    public PartnerTransactionKind Kind { get; set; }

    /// <summary>The partner's transaction id (redemptions, credits), or the brand's reference (<c>coupon:{id}</c> for exchanges).</summary>
    public string TransactionId { get; set; } = "";

    public long MemberId { get; set; }

    /// <summary>
    /// The member's pairwise id for this partner when the member consented to it at that moment (what the partner's
    /// settlement shows); null for a benefit written off for a member who shares nothing with the partner.
    /// </summary>
    public string? PairwiseId { get; set; }

    /// <summary>The coupon written off or issued (redemptions and exchanges).</summary>
    public long? CouponId { get; set; }

    /// <summary>The benefit's name as the member saw it (the coupon template's name), kept as it was.</summary>
    public string? BenefitName { get; set; }

    /// <summary>Brand points: spent by the member (exchanges) or credited to them (credits); 0 for redemptions.</summary>
    public long Points { get; set; }

    /// <summary>The partner's own points converted into <see cref="Points"/> (credits only).</summary>
    public long? PartnerPoints { get; set; }

    public DateTime At { get; set; }

    /// <summary>The business day (China time) it belongs to: what <c>partnerSettlement(date:)</c> selects on.</summary>
    public DateOnly BusinessDate { get; set; }
}

public enum PartnerTransactionKind
{
    /// <summary>The partner wrote off one of its shared benefits (a PARTNER coupon) at its counter.</summary>
    Redemption = 0,

    /// <summary>A member spent brand points on one of the partner's benefits (the brand owes the partner for it).</summary>
    PointsExchange = 1,

    /// <summary>The partner credited points into a member's brand ledger (the partner owes the brand for them).</summary>
    PointsCredit = 2,
}
