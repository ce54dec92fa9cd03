using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>
/// The guarded writes of issuing and writing off, each one statement that answers the row it left (RETURNING; OUTPUT on
/// SQL Server), so the service neither reads the row before to decide nor reads it again after to answer. The guard is in
/// the statement: of parallel requests only those the database lets through change anything.
/// </summary>
internal static class CouponWrites
{
    /// <summary>
    /// Takes one unit of the template's stock while it is active and not sold out, answering the template as it is now
    /// (null when nothing was taken: unknown, withdrawn or out of stock). The row stays locked (SQLite: the one writer) until
    /// the transaction ends, which serialises the issues of one template.
    /// </summary>
    public static Task<CouponTemplate?> TakeStockAsync(MemberGraphDb db, long templateId, CancellationToken cancellationToken) =>
        StockTaken.FirstOrDefaultAsync(db, [templateId, CouponTemplateStatus.Active], cancellationToken);

    // Run for every claim, so it skips EF's LINQ pipeline (see SqlRead).
    private static readonly SqlRead<CouponTemplate> StockTaken = new(sql => $"""
        UPDATE "CouponTemplates" SET "Issued" = "Issued" + 1
        {sql.OutputInserted} WHERE "Id" = @templateId AND "Status" = @active AND "Issued" < "TotalStock" {sql.Returning}
        """,
        row => row.Entity<CouponTemplate>(),
        SqlArg.Of<long>("templateId"), SqlArg.Like<CouponTemplate>("active", nameof(CouponTemplate.Status)));

    /// <summary>
    /// Inserts the coupon while its member holds fewer than <paramref name="perMemberLimit"/> of the template's coupons and,
    /// when <paramref name="memberMustBeActive"/>, while that member is active (a claim by a token whose member was merged
    /// since must go to the survivor). False when either does not hold.
    /// </summary>
    public static Task<bool> IssueAsync(MemberGraphDb db, Coupon coupon, int perMemberLimit, bool memberMustBeActive, CancellationToken cancellationToken)
    {
        FormattableString underLimit = $"""(SELECT COUNT(*) FROM "Coupons" WHERE "TemplateId" = {coupon.TemplateId} AND "MemberId" = {coupon.MemberId}) < {perMemberLimit}""";
        FormattableString activeAndUnderLimit = $"""
            (SELECT COUNT(*) FROM "Coupons" WHERE "TemplateId" = {coupon.TemplateId} AND "MemberId" = {coupon.MemberId}) < {perMemberLimit}
            AND EXISTS (SELECT 1 FROM "Members" WHERE "Id" = {coupon.MemberId} AND "Status" = {nameof(MemberStatus.Active)})
            """;
        var guard = memberMustBeActive ? activeAndUnderLimit : underLimit;
        return GuardedInsert.InsertIfAsync(db, coupon, guard, cancellationToken);
    }

    /// <summary>
    /// Writes the coupon off for the order when it is available (or reserved for this order) inside its window, answering the
    /// coupon as written off; null when another request changed it first or the window has passed.
    /// </summary>
    public static Task<Coupon?> WriteOffAsync(MemberGraphDb db, long couponId, CouponUse use, long? storeId, long amount, long discount, DateTime now,
        CancellationToken cancellationToken) =>
        WrittenOff.FirstOrDefaultAsync(db,
            [CouponStatus.Redeemed, now, storeId, use.OrderRef, amount, discount, couponId, CouponStatus.Available, CouponStatus.Reserved], cancellationToken);

    // Run for every redemption, so it skips EF's LINQ pipeline (see SqlRead).
    private static readonly SqlRead<Coupon> WrittenOff = new(sql => $"""
        UPDATE "Coupons" SET "Status" = @redeemed, "RedeemedAt" = @now, "RedeemedStoreId" = @storeId, "RedeemedOrderRef" = @orderRef,
            "RedeemedOrderAmountCents" = @amount, "RedeemedDiscountCents" = @discount
        {sql.OutputInserted}
        WHERE "Id" = @couponId AND "ValidFrom" <= @now AND "ValidUntil" > @now
          AND ("Status" = @available OR ("Status" = @reserved AND "ReservedForOrderRef" = @orderRef))
        {sql.Returning}
        """,
        row => row.Entity<Coupon>(),
        SqlArg.Like<Coupon>("redeemed", nameof(Coupon.Status)), SqlArg.Like<Coupon>("now", nameof(Coupon.RedeemedAt)),
        SqlArg.Like<Coupon>("storeId", nameof(Coupon.RedeemedStoreId)), SqlArg.Like<Coupon>("orderRef", nameof(Coupon.RedeemedOrderRef)),
        SqlArg.Of<long>("amount"), SqlArg.Of<long>("discount"), SqlArg.Of<long>("couponId"),
        SqlArg.Like<Coupon>("available", nameof(Coupon.Status)), SqlArg.Like<Coupon>("reserved", nameof(Coupon.Status)));
}
