namespace MemberGraph.Kpis;

/// <summary>A share as its two counts; <see cref="Rate"/> is null when there is nothing to divide by (not 0: "no data" is not "none").</summary>
public readonly record struct KpiRatio(long Numerator, long Denominator)
{
    /// <summary>Numerator / denominator, rounded to 4 decimals (a percentage with two decimals).</summary>
    public double? Rate => Denominator == 0 ? null : Math.Round((double)Numerator / Denominator, 4, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Orders of a scope (a store's till and channels, or a guide's attributed orders) paid in the period.
/// <para><see cref="Orders"/>: every order paid in the period, refunded or not (the sale happened).</para>
/// <para>
/// <see cref="MemberOrders"/>: those whose buyer was a registered member when paying (<c>Member.RegisteredAt</c> ≤
/// <c>Order.PaidAt</c>). Every order row points at a member record, because OneID makes one from the buyer's identities
/// (a POS card, an openid); a buyer who had not registered yet is such a shadow record, so "tied to a member" means
/// registered at the time. Erasure keeps <c>RegisteredAt</c>: an erased member's past orders stay identified.
/// </para>
/// <para><see cref="SalesCents"/>: paid minus refunded cents of those orders, refunds counted whenever they happened.</para>
/// </summary>
public sealed record OrderFigures(int Orders, int MemberOrders, long SalesCents)
{
    /// <summary>会员识别率: member orders / orders.</summary>
    public KpiRatio IdentificationRate => new(MemberOrders, Orders);
}

/// <summary>
/// The member base of a set of guides (a store's, or one guide), as it stands when asked; erased and merged members never count.
/// <para><see cref="Members"/>: active members whose open exclusive guide (专属导购) is one of the guides — for a store, the
/// members it serves (their service store), since the model has no other "registration store".</para>
/// <para><see cref="NewMembers"/>: of those, members who registered (bound a phone) in the period.</para>
/// <para><see cref="NewCustomers"/>: active members whose exclusive relationship with one of the guides started in the period
/// other than by a transfer (WeCom add, QR scan, share link, store assignment), ended since or not: customers won.</para>
/// <para><see cref="WeComAdded"/>: of <see cref="Members"/>, those with an open WeCom contact (a relationship added on WeCom,
/// or transferred — WeCom transfers the contact with it) with one of the guides.</para>
/// <para><see cref="Reachable"/>: of <see cref="Members"/>, those reachable by at least one channel: that WeCom contact, a
/// standing guide-outreach consent, or a subscribe-message acceptance not yet used.</para>
/// </summary>
public sealed record MemberBaseFigures(int Members, int NewMembers, int NewCustomers, int WeComAdded, int Reachable)
{
    /// <summary>加V率: WeCom-added members / members.</summary>
    public KpiRatio WeComAddRate => new(WeComAdded, Members);

    /// <summary>可触达率: reachable members / members.</summary>
    public KpiRatio ReachableRate => new(Reachable, Members);
}

/// <summary>
/// Repeat purchase among the scope's member orders of the period that were not fully refunded (a fully refunded order
/// is no purchase; a partial refund still is), buyers erased since left out.
/// <see cref="Buyers"/>: members with at least one such order; <see cref="RepeatBuyers"/>: with at least two.
/// </summary>
public sealed record RepeatPurchaseFigures(int Buyers, int RepeatBuyers)
{
    /// <summary>复购率: repeat buyers / buyers.</summary>
    public KpiRatio RepeatPurchaseRate => new(RepeatBuyers, Buyers);
}

/// <summary>
/// What a set of guides sold and earned in the period, wherever the customer bought (cross-store orders included).
/// <see cref="AttributedOrders"/> and <see cref="AttributedSalesCents"/> (paid minus refunded): orders attributed to one of
/// the guides, paid in the period. <see cref="CommissionCents"/>: their commission lines earned in the period, net of
/// clawbacks (pending and settled alike).
/// </summary>
public sealed record GuideSalesFigures(int AttributedOrders, long AttributedSalesCents, long CommissionCents);

/// <summary>
/// Guide tasks of a set of guides <b>due</b> in the period (<c>DueAt</c> within it), whatever created them (a campaign, a
/// journey step). Counting by due date measures what was asked of the guides in the period: a task created on the 28th and
/// due on the 3rd belongs to the month it had to be done in, and a campaign's tasks land in one period together.
/// <para><see cref="Assigned"/>: those assigned to one of the guides (OPEN, DONE or EXPIRED; UNASSIGNED and SKIPPED rows have no guide).</para>
/// <para><see cref="Done"/>: of those, the ones the guide completed with an outcome, as they stand when asked (a task due in the
/// period and done a day late still counts as done: the guide did it).</para>
/// </summary>
public sealed record TaskFigures(int Assigned, int Done)
{
    /// <summary>Task completion rate: done / assigned.</summary>
    public KpiRatio CompletionRate => new(Done, Assigned);
}

/// <summary><c>storeKpis</c>: the store's own orders, its member base, what its guides sold and earned, and their tasks.</summary>
public sealed record StoreKpis(long StoreId, KpiPeriod Period, OrderFigures Orders, MemberBaseFigures MemberBase,
    RepeatPurchaseFigures RepeatPurchase, GuideSalesFigures GuideSales, TaskFigures Tasks);

/// <summary><c>guideKpis</c>: the guide's attributed orders, their customers, their commission and their tasks.</summary>
public sealed record GuideKpis(long GuideId, KpiPeriod Period, OrderFigures AttributedOrders, MemberBaseFigures Customers,
    RepeatPurchaseFigures RepeatPurchase, GuideSalesFigures Sales, TaskFigures Tasks);
