using MemberGraph.Data;

namespace MemberGraph.Coupons;

/// <summary>A coupon, its template, and whether the store the caller asked about exists.</summary>
internal sealed record Found(Coupon Coupon, CouponTemplate Template, bool StoreExists);

/// <summary>
/// The read every write-off starts with, in one statement: the coupon (by code at the till, by id otherwise), its template, and
/// whether the store the write-off names exists. Run for every redemption, so it skips EF's LINQ pipeline (see SqlRead).
/// </summary>
internal static class CouponReads
{
    private static readonly SqlRead<Found> ByCode = new(sql => $"""
        SELECT {sql.Top(1)} CASE WHEN @storeId IS NOT NULL AND EXISTS (SELECT 1 FROM "Stores" s WHERE s."Id" = @storeId) THEN 1 ELSE 0 END AS "StoreExists", c.*, t.*
        FROM "Coupons" c INNER JOIN "CouponTemplates" t ON c."TemplateId" = t."Id"
        WHERE c."Code" = @code {sql.Limit(1)}
        """,
        ToFound, SqlArg.Of<long?>("storeId"), SqlArg.Like<Coupon>("code", nameof(Coupon.Code)));

    private static readonly SqlRead<Found> ById = new(sql => $"""
        SELECT {sql.Top(1)} CASE WHEN @storeId IS NOT NULL AND EXISTS (SELECT 1 FROM "Stores" s WHERE s."Id" = @storeId) THEN 1 ELSE 0 END AS "StoreExists", c.*, t.*
        FROM "Coupons" c INNER JOIN "CouponTemplates" t ON c."TemplateId" = t."Id"
        WHERE c."Id" = @id {sql.Limit(1)}
        """,
        ToFound, SqlArg.Of<long?>("storeId"), SqlArg.Of<long?>("id"));

    public static Task<Found?> ByCodeAsync(MemberGraphDb db, string code, long? storeToCheck, CancellationToken ct) =>
        ByCode.FirstOrDefaultAsync(db, [storeToCheck, code], ct);

    public static Task<Found?> ByIdAsync(MemberGraphDb db, long? id, long? storeToCheck, CancellationToken ct) =>
        ById.FirstOrDefaultAsync(db, [storeToCheck, id], ct);

    private static Found ToFound(SqlRow row)
    {
        var coupon = row.Entity<Coupon>(from: 1);
        return new Found(coupon, row.Entity<CouponTemplate>(from: row.After<Coupon>()), row.Get<int>(0) == 1);
    }
}
