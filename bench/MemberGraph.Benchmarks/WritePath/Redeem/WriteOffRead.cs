using System.Data.Common;
using System.Text.Json;
using MemberGraph.Coupons;

namespace MemberGraph.Benchmarks.WritePath.Redeem;

/// <summary>The coupon by its code, its template's usage rules and whether the till's store exists: one joined read.</summary>
internal static class WriteOffRead
{
    public static async Task<(Coupon Coupon, CouponTemplate Template, bool StoreExists)?> ReadAsync(Sql sql, string code, long storeId, CancellationToken cancellationToken)
    {
        await using var command = sql.Command("""
            SELECT c."Id", c."MemberId", c."TemplateId", c."Status", c."ValidFrom", c."ValidUntil", c."ReservedForOrderRef",
                   c."RedeemedOrderRef", c."RedeemedStoreId", c."RedeemedOrderAmountCents",
                   t."ThresholdCents", t."UsableStoreIds", t."UsableChannels", t."ValueKind", t."AmountOffCents", t."DiscountRate",
                   EXISTS (SELECT 1 FROM "Stores" s WHERE s."Id" = @store)
            FROM "Coupons" c JOIN "CouponTemplates" t ON t."Id" = c."TemplateId"
            WHERE c."Code" = @code
            """, ("@code", code), ("@store", storeId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var coupon = new Coupon
        {
            Id = reader.GetInt64(0),
            MemberId = reader.GetInt64(1),
            TemplateId = reader.GetInt64(2),
            Status = Enum.Parse<CouponStatus>(reader.GetString(3)),
            ValidFrom = reader.GetDateTime(4),
            ValidUntil = reader.GetDateTime(5),
            ReservedForOrderRef = Text(reader, 6),
            RedeemedOrderRef = Text(reader, 7),
            RedeemedStoreId = reader.IsDBNull(8) ? null : reader.GetInt64(8),
            RedeemedOrderAmountCents = reader.IsDBNull(9) ? null : reader.GetInt64(9),
        };
        var template = new CouponTemplate
        {
            Id = coupon.TemplateId,
            ThresholdCents = reader.GetInt64(10),
            UsableStoreIds = List<long>(reader, 11),
            UsableChannels = List<string>(reader, 12).ConvertAll(Enum.Parse<CouponChannel>),
            ValueKind = Enum.Parse<CouponValueKind>(reader.GetString(13)),
            AmountOffCents = reader.IsDBNull(14) ? null : reader.GetInt64(14),
            DiscountRate = reader.IsDBNull(15) ? null : reader.GetInt32(15),
        };
        return (coupon, template, reader.GetBoolean(16));
    }

    /// <summary>A list column: JSON text on SQLite, a native array on PostgreSQL.</summary>
    private static List<T> List<T>(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string)
            ? JsonSerializer.Deserialize<List<T>>(reader.GetString(ordinal)) ?? []
            : [.. reader.GetFieldValue<T[]>(ordinal)];

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
