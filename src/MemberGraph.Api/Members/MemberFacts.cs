using System.Linq.Expressions;
using MemberGraph.Data;
using MemberGraph.GraphQL.Lists;
using MemberGraph.Orders;

namespace MemberGraph.Members;

/// <summary>
/// What lists know of a member beyond the member row — last purchase, spend, tier level, tags, birthday — as expressions
/// over the member's id that EF Core turns into subqueries of the list's one statement. The words follow the tag rules
/// (<c>RfmRule</c>, <c>LifecycleRule</c>): a purchase is an order not refunded in full; spend is paid minus refunded, every
/// channel, all time.
/// </summary>
public static class MemberFacts
{
    /// <summary>The member's last purchase; null when they never bought.</summary>
    public static readonly Expression<Func<MemberGraphDb, long, DateTime?>> LastPurchaseAt = (db, id) =>
        db.Orders.Where(o => o.MemberId == id && o.Status != OrderStatus.FullyRefunded).Max(o => (DateTime?)o.PaidAt);

    /// <summary>The last purchase as a sort key: members who never bought sort as the earliest.</summary>
    public static readonly Expression<Func<MemberGraphDb, long, DateTime>> LastPurchaseKey = (db, id) =>
        db.Orders.Where(o => o.MemberId == id && o.Status != OrderStatus.FullyRefunded).Max(o => (DateTime?)o.PaidAt) ?? DateTime.MinValue;

    /// <summary>Paid minus refunded over all the member's orders, in cents (0 without orders).</summary>
    public static readonly Expression<Func<MemberGraphDb, long, long>> SpendCents = (db, id) =>
        db.Orders.Where(o => o.MemberId == id).Sum(o => o.PaidAmountCents - o.RefundedAmountCents);

    /// <summary>The member's tier level; 0 for a member without a tier row yet, as <c>Member.tier</c> shows it.</summary>
    public static readonly Expression<Func<MemberGraphDb, long, int>> TierLevel = (db, id) =>
        db.MemberTiers.Where(t => t.MemberId == id).Select(t => t.Level).FirstOrDefault();

    /// <summary>The member carries the tag and the tag is active (<c>Member.tags</c> shows active tags only).</summary>
    public static Expression<Func<MemberGraphDb, long, bool>> HasTag(long tagId) => (db, id) =>
        db.MemberTags.Any(a => a.MemberId == id && a.TagId == tagId) && db.TagDefinitions.Any(t => t.Id == tagId && t.Active);

    /// <summary>The member's birthday is in this month (1 to 12).</summary>
    public static Expression<Func<MemberGraphDb, long, bool>> BornIn(int month) => (db, id) =>
        db.Members.Any(m => m.Id == id && m.Birthday != null && m.Birthday.Value.Month == month);

    /// <summary>The fact of the member behind a row (<c>m =&gt; m.Id</c>, <c>r =&gt; r.MemberId</c>), over this database.</summary>
    public static Expression<Func<TRow, T>> Of<TRow, T>(this Expression<Func<MemberGraphDb, long, T>> fact, MemberGraphDb db, Expression<Func<TRow, long>> memberId) =>
        Expression.Lambda<Func<TRow, T>>(Lambdas.Inline(fact, Expression.Constant(db), memberId.Body), memberId.Parameters);

    /// <summary>The fact of the member behind a row as a sort key's value (<c>(db, row) =&gt; fact</c>).</summary>
    public static Expression<Func<MemberGraphDb, TRow, T>> ForRow<TRow, T>(this Expression<Func<MemberGraphDb, long, T>> fact, Expression<Func<TRow, long>> memberId)
    {
        var db = fact.Parameters[0];
        return Expression.Lambda<Func<MemberGraphDb, TRow, T>>(Lambdas.Inline(fact, db, memberId.Body), db, memberId.Parameters[0]);
    }
}
