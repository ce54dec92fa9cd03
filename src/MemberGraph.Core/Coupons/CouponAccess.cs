using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>
/// Which coupons staff may open by their global id (<c>node(id:)</c>, <c>reserveCoupon</c>/<c>releaseCoupon</c> with a
/// couponId). Ids are sequential, so without this rule staff of any store could walk every coupon, read its full code
/// and write it off at their till. At the till staff meet coupons the member shows them (by code) or lists on the card
/// they scanned (<c>memberByCode</c>); by id they open only coupons written off at their store, and those of members
/// their store serves (<see cref="StoreClientele"/>) or may read with <c>member(id:)</c> (<see cref="MemberVisibility"/>).
/// </summary>
public sealed class CouponAccess(StoreClientele clientele)
{
    public async Task<bool> StaffMayOpenAsync(MemberGraphDb db, Caller caller, Coupon coupon, CancellationToken cancellationToken)
    {
        if (caller is not { Role: Roles.Staff, StoreId: { } store })
        {
            return false;
        }

        return coupon.RedeemedStoreId == store
               || await db.Members.Where(m => m.Id == coupon.MemberId).VisibleTo(db, caller).AnyAsync(cancellationToken)
               || await clientele.WhyServedAsync(db, store, coupon.MemberId, cancellationToken) is not null;
    }
}
