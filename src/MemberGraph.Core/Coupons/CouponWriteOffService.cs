using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>Which coupon: by global id or by the code the member shows.</summary>
public sealed record CouponRef(string? CouponId, string? Code);

/// <summary>A write-off: the coupon as written off, and whether this request only repeated one already made.</summary>
public sealed record WriteOff(Coupon Coupon, bool Replayed);

/// <summary>The order a coupon is used for: its reference and, where known, store, channel and amount.</summary>
public sealed record CouponUse(string OrderRef, long? StoreId = null, CouponChannel? Channel = null, long? OrderAmountCents = null);

/// <summary>
/// Using coupons: reserving one for an order in payment, releasing it when the payment is cancelled, and the
/// store write-off (核销). Each state change is one conditional UPDATE (<c>WHERE Status = 'Available'</c>, ...):
/// of parallel write-offs exactly one changes a row; the others find it redeemed.
/// </summary>
public sealed class CouponWriteOffService(
    IDbContextFactory<MemberGraphDb> factory, CouponAccess access, AuditLog audit, RowsAtCommit atCommit, DomainEventDispatcher events, TimeProvider clock)
{
    public async Task<Outcome<Coupon>> ReserveAsync(Caller caller, CouponRef reference, CouponUse use, CancellationToken ct)
    {
        if (CouponRules.CheckOrderRef(use.OrderRef) is { } badRef)
        {
            return badRef;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await FindAsync(db, caller, reference, ct) is not (var coupon, var template, _))
        {
            return CouponErrors.CouponNotFound(reference.Code is null ? "couponId" : "code");
        }

        var (storeId, channel) = await OrderSideAsync(db, caller, coupon, use, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (coupon.Status == CouponStatus.Reserved && coupon.ReservedForOrderRef == use.OrderRef && coupon.ValidUntil > now)
        {
            return Outcome<Coupon>.Ok(coupon);
        }

        if ((CouponRules.CheckState(coupon, now, use.OrderRef) ?? CouponRules.CheckOrder(template, storeId, channel, use.OrderAmountCents)) is { } refused)
        {
            return refused;
        }

        await using var work = await events.BeginAsync(db, ct);
        var changed = await db.Coupons
            .Where(c => c.Id == coupon.Id && c.Status == CouponStatus.Available && c.ValidFrom <= now && c.ValidUntil > now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CouponStatus.Reserved)
                .SetProperty(c => c.ReservedForOrderRef, use.OrderRef)
                .SetProperty(c => c.ReservedAt, now), ct);
        if (changed == 0)
        {
            var current = await ReloadAsync(db, coupon.Id, ct);
            return current.Status == CouponStatus.Reserved && current.ReservedForOrderRef == use.OrderRef
                ? Outcome<Coupon>.Ok(current)
                : CouponRules.CheckState(current, now, use.OrderRef) ?? CouponErrors.ReservedForAnotherOrder();
        }

        CouponHistory.Record(db, coupon.Id, CouponHistoryEvent.Reserved, now, storeId, use.OrderRef, use.OrderAmountCents);
        return await CommitAsync(work, caller, await ReloadAsync(db, coupon.Id, ct), "reserveCoupon", $"reserved for order {use.OrderRef}", CouponChange.Reserved, ct);
    }

    public async Task<Outcome<Coupon>> ReleaseAsync(Caller caller, CouponRef reference, string orderRef, CancellationToken ct)
    {
        if (CouponRules.CheckOrderRef(orderRef) is { } badRef)
        {
            return badRef;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await FindAsync(db, caller, reference, ct) is not (var coupon, _, _))
        {
            return CouponErrors.CouponNotFound(reference.Code is null ? "couponId" : "code");
        }

        var (storeId, _) = await OrderSideAsync(db, caller, coupon, new CouponUse(orderRef), ct);
        switch (coupon.Status)
        {
            case CouponStatus.Available:
                return Outcome<Coupon>.Ok(coupon); // already released: releasing again changes nothing
            case CouponStatus.Redeemed:
                return CouponErrors.AlreadyRedeemed();
            case CouponStatus.Reserved when coupon.ReservedForOrderRef != orderRef:
                return CouponErrors.ReservedForAnotherOrder();
            case CouponStatus.Expired or CouponStatus.Revoked:
                return Outcome<Coupon>.Ok(coupon); // nothing is held for the order any more
        }

        await using var work = await events.BeginAsync(db, ct);
        var changed = await db.Coupons
            .Where(c => c.Id == coupon.Id && c.Status == CouponStatus.Reserved && c.ReservedForOrderRef == orderRef)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CouponStatus.Available)
                .SetProperty(c => c.ReservedForOrderRef, (string?)null)
                .SetProperty(c => c.ReservedAt, (DateTime?)null), ct);
        if (changed == 0)
        {
            var current = await ReloadAsync(db, coupon.Id, ct);
            return current.Status == CouponStatus.Redeemed ? CouponErrors.AlreadyRedeemed() : Outcome<Coupon>.Ok(current);
        }

        CouponHistory.Record(db, coupon.Id, CouponHistoryEvent.Released, clock.GetUtcNow().UtcDateTime, storeId, orderRef);
        return await CommitAsync(work, caller, await ReloadAsync(db, coupon.Id, ct), "releaseCoupon", $"released from order {orderRef}", CouponChange.Released, ct);
    }

    /// <summary>
    /// The store write-off: by staff of a store where the coupon is usable (the token's store) or an admin; the
    /// order amount must reach the threshold; once only. The same write-off asked again (the till retrying after a
    /// timeout: same order, store and amount) answers the first one as <see cref="WriteOff.Replayed"/>, also when
    /// the retries run in parallel with it; another order gets COUPON_ALREADY_REDEEMED.
    /// </summary>
    public async Task<Outcome<WriteOff>> RedeemAsync(Caller caller, string code, CouponUse use, CancellationToken ct)
    {
        if (CouponRules.CheckOrderRef(use.OrderRef) is { } badRef)
        {
            return badRef;
        }

        if (use.OrderAmountCents is not > 0)
        {
            return CouponErrors.Invalid("The order amount must be more than 0 cents.", "orderAmountCents");
        }

        // The store the write-off is for: the staff's own (naming another is refused below), else the one named. Its
        // existence comes with the coupon's read.
        var storeToCheck = use.StoreId ?? (caller.Is(Roles.Staff) ? caller.StoreId : null);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await FindAsync(db, caller, new CouponRef(null, code), ct, storeToCheck) is not (var coupon, var template, var storeExists))
        {
            return CouponErrors.CouponNotFound("code");
        }

        var (storeId, channel) = await OrderSideAsync(db, caller, coupon, use, ct);
        if (IsWriteOff(coupon, storeId, use))
        {
            return Outcome<WriteOff>.Ok(new WriteOff(coupon, Replayed: true));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if ((CouponRules.CheckState(coupon, now, use.OrderRef) ?? CouponRules.CheckOrder(template, storeId, channel, use.OrderAmountCents)) is { } refused)
        {
            return refused;
        }

        if (storeId is { } store && !(store == storeToCheck ? storeExists : await db.Stores.AnyAsync(s => s.Id == store, ct)))
        {
            return new UserError(UserErrorCode.NotFound, "There is no such store.", "storeId");
        }

        var amount = use.OrderAmountCents.Value;
        var discount = template.DiscountFor(amount);
        await using var work = await events.BeginAsync(db, ct);
        var redeemed = await CouponWrites.WriteOffAsync(db, coupon.Id, use, storeId, amount, discount, now, ct);
        if (redeemed is null)
        {
            // A parallel request changed it first (its UPDATE committed before ours ran): the same write-off is a replay.
            var current = await ReloadAsync(db, coupon.Id, ct);
            return IsWriteOff(current, storeId, use)
                ? Outcome<WriteOff>.Ok(new WriteOff(current, Replayed: true))
                : CouponRules.CheckState(current, now, use.OrderRef) ?? CouponErrors.AlreadyRedeemed();
        }

        await CouponHistory.AppendAsync(atCommit, db, CouponHistory.Entry(coupon.Id, CouponHistoryEvent.Redeemed, now, storeId, use.OrderRef, amount, discount), ct);
        await CommitAsync(work, caller, redeemed, "redeemCoupon",
            $"written off for order {use.OrderRef} at store {storeId?.ToString() ?? "-"}: {amount} cents, {discount} off", CouponChange.Redeemed, ct);
        return Outcome<WriteOff>.Ok(new WriteOff(redeemed, Replayed: false));
    }

    /// <summary>Whether the coupon is already written off for exactly this order, at this store, for this amount.</summary>
    private static bool IsWriteOff(Coupon coupon, long? storeId, CouponUse use) =>
        coupon.Status == CouponStatus.Redeemed && coupon.RedeemedOrderRef == use.OrderRef
        && coupon.RedeemedStoreId == storeId && coupon.RedeemedOrderAmountCents == use.OrderAmountCents;

    /// <summary>
    /// Who may use the coupon and for which store and channel: a member their own coupon (mini-program by default),
    /// staff any coupon for their own store's till (POS: naming another store or channel is refused, else a coupon kept
    /// for the mini-program could be written off at the till), an admin any coupon as the input says.
    /// </summary>
    private static async Task<(long? StoreId, CouponChannel? Channel)> OrderSideAsync(MemberGraphDb db, Caller caller, Coupon coupon, CouponUse use, CancellationToken ct)
    {
        // A token from before a merge stands for the survivor, who now holds the merged member's coupons.
        var holdsIt = caller is { Role: Roles.Member, MemberId: { } self }
                      && (self == coupon.MemberId || await CouponHolders.ResolveAsync(db, self, ct) == coupon.MemberId);
        switch (caller.Role)
        {
            case Roles.Member when holdsIt:
                return (use.StoreId, use.Channel ?? CouponChannel.MiniProgram);
            case Roles.Staff when caller.StoreId is { } store:
                if (use.StoreId is { } asked && asked != store)
                {
                    throw RequestRefusedException.NotAuthorized("use coupons for another store than your own");
                }

                if (use.Channel is { } named && named != CouponChannel.Pos)
                {
                    throw RequestRefusedException.NotAuthorized($"use coupons on {ConstantCase.Of(named)}: staff write coupons off at the store's till (POS)");
                }

                return (store, CouponChannel.Pos);
            case Roles.Admin:
                return (use.StoreId, use.Channel);
            default:
                throw RequestRefusedException.NotAuthorized("use this coupon");
        }
    }

    /// <summary>
    /// Audits and commits the change of <paramref name="coupon"/> (as the change left it). A write-off is raised (other
    /// features may react to it); a reservation or a release is news for the member's subscribers only.
    /// </summary>
    private async Task<Outcome<Coupon>> CommitAsync(
        UnitOfWork work, Caller caller, Coupon coupon, string operation, string detail, CouponChange change, CancellationToken ct)
    {
        audit.Record(work.Db, caller, operation, $"Coupon:{coupon.Id}", detail);
        if (change == CouponChange.Redeemed)
        {
            work.Raise(new CouponRedeemed(coupon));
        }
        else
        {
            work.Publish(CouponChanged.Of(coupon, change, clock.GetUtcNow().UtcDateTime));
        }

        await work.CommitAsync(ct);
        return Outcome<Coupon>.Ok(coupon);
    }

    private static Task<Coupon> ReloadAsync(MemberGraphDb db, long id, CancellationToken ct) =>
        db.Coupons.AsNoTracking().FirstAsync(c => c.Id == id, ct);

    /// <summary>
    /// The coupon and its template in one read, with whether <paramref name="storeToCheck"/> (when given) is a store. By id,
    /// everyone but an admin gets AUTH_NOT_AUTHORIZED for an unknown id as for a coupon they may not open (staff:
    /// <see cref="CouponAccess"/>), so ids cannot be walked; a code is shown by its holder.
    /// </summary>
    private async Task<Found?> FindAsync(MemberGraphDb db, Caller caller, CouponRef reference, CancellationToken ct, long? storeToCheck = null)
    {
        Found? found;
        var byId = reference.CouponId is not null;
        if (byId)
        {
            var id = GlobalId.TryDecode(reference.CouponId, "Coupon");
            found = await CouponReads.ByIdAsync(db, id, storeToCheck, ct);
        }
        else
        {
            var code = CouponCode.Normalize(reference.Code);
            if (code is null)
            {
                return null;
            }

            found = await CouponReads.ByCodeAsync(db, code, storeToCheck, ct);
        }

        if (byId && !caller.Is(Roles.Admin) && (found is null || (caller.Is(Roles.Staff) && !await access.StaffMayOpenAsync(db, caller, found.Coupon, ct))))
        {
            throw RequestRefusedException.NotAuthorized("use this coupon");
        }

        return found;
    }

}
