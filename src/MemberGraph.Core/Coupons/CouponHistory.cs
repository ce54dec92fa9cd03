using MemberGraph.Data;

namespace MemberGraph.Coupons;

/// <summary>
/// Appends to a coupon's history on the unit of work that makes the change, so the entry commits or rolls back with it.
/// Nothing updates or deletes these rows.
/// </summary>
public static class CouponHistory
{
    public static void Record(MemberGraphDb db, long couponId, CouponHistoryEvent happened, DateTime at,
        long? storeId = null, string? orderRef = null, long? orderAmountCents = null, long? discountCents = null) =>
        db.CouponHistory.Add(Entry(couponId, happened, at, storeId, orderRef, orderAmountCents, discountCents));

    /// <summary>
    /// Writes the entry at once, untracked, in the unit of work's transaction: for the hot paths (a claim, a write-off) whose commit
    /// would otherwise run a whole save for this one row. On SQLite and PostgreSQL it is its own INSERT (see <see cref="MultiRowInsert"/>).
    /// </summary>
    public static Task AppendAsync(MemberGraphDb db, CouponHistoryEntry entry, CancellationToken cancellationToken) =>
        MultiRowInsert.InsertUntrackedAsync(db, entry, cancellationToken);

    public static CouponHistoryEntry Entry(long couponId, CouponHistoryEvent happened, DateTime at,
        long? storeId = null, string? orderRef = null, long? orderAmountCents = null, long? discountCents = null) => new()
    {
        CouponId = couponId,
        Event = happened,
        At = at,
        StoreId = storeId,
        OrderRef = orderRef,
        OrderAmountCents = orderAmountCents,
        DiscountCents = discountCents,
    };
}
