using MemberGraph.Audit;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>
/// The coupon rules of refunds, inside the refund's transaction. A coupon's order reference is the order's channel
/// order id. A FULL refund gives back the coupons written off on that order (available again while still valid,
/// else expired) and releases the ones reserved for it; a partial refund leaves them used, as the order still stands.
/// Each change is appended to the coupon's history (RESTORED or RELEASED, then EXPIRED when its window has closed),
/// and the member's <c>couponUpdated</c> subscribers hear each coupon once the refund committed: RELEASED when it is
/// usable again (whether it had been written off or reserved), EXPIRED when its window had closed meanwhile.
/// </summary>
public sealed class ReturnCouponsOnRefund(AuditLog audit, RowsAtCommit atCommit, TimeProvider clock) : IDomainEventHandler<OrderRefunded>
{
    public async Task HandleAsync(OrderRefunded refund, UnitOfWork work, CancellationToken cancellationToken)
    {
        if (!refund.IsFullRefund)
        {
            return;
        }

        var orderRef = refund.Order.ChannelOrderId;
        var memberId = refund.Order.MemberId;
        var now = clock.GetUtcNow().UtcDateTime;
        var coupons = await UsedForOrder.ListAsync(work.Db, [memberId, CouponStatus.Redeemed, CouponStatus.Reserved, orderRef], cancellationToken);
        foreach (var coupon in coupons)
        {
            // The columns say what the coupon is now; what it went through (the write-off and its amounts) stays in its history.
            var was = coupon.Status;
            var wasRedeemed = was == CouponStatus.Redeemed;
            List<CouponHistoryEntry> history = [CouponHistory.Entry(coupon.Id, wasRedeemed ? CouponHistoryEvent.Restored : CouponHistoryEvent.Released, now,
                refund.Order.StoreId, orderRef, coupon.RedeemedOrderAmountCents, coupon.RedeemedDiscountCents)];
            coupon.Status = coupon.ValidUntil > now ? CouponStatus.Available : CouponStatus.Expired;
            if (coupon.Status == CouponStatus.Expired)
            {
                coupon.ExpiredAt = now;
                history.Add(CouponHistory.Entry(coupon.Id, CouponHistoryEvent.Expired, now));
            }

            coupon.ReservedForOrderRef = null;
            coupon.ReservedAt = null;
            coupon.RedeemedAt = null;
            coupon.RedeemedStoreId = null;
            coupon.RedeemedOrderRef = null;
            coupon.RedeemedOrderAmountCents = null;
            coupon.RedeemedDiscountCents = null;
            if (await Returned.ExecuteAsync(work.Db, [coupon.Status, coupon.ExpiredAt, coupon.Id, was], cancellationToken) == 0)
            {
                // Only where writers run side by side (PostgreSQL): the coupon changed since it was read; the refund starts again.
                throw new DbUpdateConcurrencyException($"Coupon {coupon.Id} changed while refund {refund.Refund.RefundId} was giving it back.");
            }

            foreach (var entry in history)
            {
                await CouponHistory.AppendAsync(atCommit, work.Db, entry, cancellationToken);
            }

            audit.Record(work.Db, refund.RefundedBy, wasRedeemed ? "returnCouponOnRefund" : "releaseCouponOnRefund", $"Coupon:{coupon.Id}",
                $"order {refund.Order.Channel}:{orderRef} refund {refund.Refund.Id}; now {coupon.Status}");
            work.Publish(CouponChanged.Of(coupon, coupon.Status == CouponStatus.Expired ? CouponChange.Expired : CouponChange.Released, now));
        }
    }

    // Every full refund runs it inside the writer's turn, so it skips EF's LINQ pipeline (see SqlRead), and writes each coupon back
    // by a statement of its own, still in the state it was read in, rather than through the commit's save.
    private static readonly SqlRead<Coupon> UsedForOrder = new(_ => """
        SELECT * FROM "Coupons" WHERE "MemberId" = @memberId
           AND (("Status" = @redeemed AND "RedeemedOrderRef" = @orderRef) OR ("Status" = @reserved AND "ReservedForOrderRef" = @orderRef))
        """,
        row => row.Entity<Coupon>(),
        SqlArg.Of<long>("memberId"), SqlArg.Like<Coupon>("redeemed", nameof(Coupon.Status)), SqlArg.Like<Coupon>("reserved", nameof(Coupon.Status)),
        SqlArg.Like<Coupon>("orderRef", nameof(Coupon.RedeemedOrderRef)));

    private static readonly SqlWrite Returned = new(_ => """
        UPDATE "Coupons" SET "Status" = @status, "ExpiredAt" = @expiredAt, "ReservedForOrderRef" = NULL, "ReservedAt" = NULL,
               "RedeemedAt" = NULL, "RedeemedStoreId" = NULL, "RedeemedOrderRef" = NULL, "RedeemedOrderAmountCents" = NULL, "RedeemedDiscountCents" = NULL
         WHERE "Id" = @id AND "Status" = @was
        """,
        SqlArg.Like<Coupon>("status", nameof(Coupon.Status)), SqlArg.Like<Coupon>("expiredAt", nameof(Coupon.ExpiredAt)), SqlArg.Of<long>("id"),
        SqlArg.Like<Coupon>("was", nameof(Coupon.Status)));
}
