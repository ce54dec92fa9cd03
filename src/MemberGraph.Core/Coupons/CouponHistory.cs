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
    /// Writes the entry untracked, in the unit of work's transaction: for the hot paths (a claim, a write-off, a coupon given back on a
    /// refund) whose commit would otherwise run a whole save for this one row. Inside a transaction <paramref name="atCommit"/> saw
    /// begin, it goes in at the commit, in one command with the transaction's audit lines; else at once, its own INSERT on SQLite and
    /// PostgreSQL (see <see cref="MultiRowInsert"/>).
    /// </summary>
    public static Task AppendAsync(RowsAtCommit atCommit, MemberGraphDb db, CouponHistoryEntry entry, CancellationToken cancellationToken) =>
        atCommit.TryHold(db, entry) ? Task.CompletedTask : MultiRowInsert.InsertUntrackedAsync(db, entry, cancellationToken);

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
