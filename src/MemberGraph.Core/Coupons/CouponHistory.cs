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
        db.CouponHistory.Add(new CouponHistoryEntry
        {
            CouponId = couponId,
            Event = happened,
            At = at,
            StoreId = storeId,
            OrderRef = orderRef,
            OrderAmountCents = orderAmountCents,
            DiscountCents = discountCents,
        });
}
