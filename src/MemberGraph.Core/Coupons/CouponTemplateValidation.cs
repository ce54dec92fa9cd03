using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>The rules a template definition must meet; each refusal names the input field.</summary>
internal static class CouponTemplateValidation
{
    public const int MaxStock = 100_000_000;
    public const int MaxPerMemberLimit = 100;
    public const int MaxValidDays = 3650;

    public static UserError? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 100 ? CouponErrors.Invalid("Give the coupon a name of 1 to 100 characters.", "name") : null;

    public static UserError? CheckValue(CouponValueInput value)
    {
        var given = (value.AmountOffCents is not null ? 1 : 0) + (value.DiscountRate is not null ? 1 : 0)
                    + (value.GiftSku is not null || value.GiftDescription is not null ? 1 : 0);
        if (given != 1)
        {
            return CouponErrors.Invalid("Give exactly one value: amountOffCents, discountRate, or a gift (giftDescription, giftSku).", "value");
        }

        if (value.AmountOffCents is <= 0)
        {
            return CouponErrors.Invalid("amountOffCents must be more than 0.", "value.amountOffCents");
        }

        if (value.DiscountRate is < 1 or > 99)
        {
            return CouponErrors.Invalid("discountRate is the percentage paid, 1 to 99 (85 means 15% off).", "value.discountRate");
        }

        var isGift = value.GiftSku is not null || value.GiftDescription is not null;
        return isGift && string.IsNullOrWhiteSpace(value.GiftDescription)
            ? CouponErrors.Invalid("A gift needs a description members can read.", "value.giftDescription")
            : null;
    }

    public static UserError? CheckValidity(CouponValidityInput validity)
    {
        var window = validity.From is not null || validity.Until is not null;
        if (window == (validity.DaysAfterIssue is not null))
        {
            return CouponErrors.Invalid("Give either a fixed window (from and until) or daysAfterIssue.", "validity");
        }

        if (validity.DaysAfterIssue is { } days)
        {
            return days is < 1 or > MaxValidDays ? CouponErrors.Invalid($"daysAfterIssue must be 1 to {MaxValidDays}.", "validity.daysAfterIssue") : null;
        }

        return validity.From is null || validity.Until is null || Utc(validity.From.Value) >= Utc(validity.Until.Value)
            ? CouponErrors.Invalid("A fixed window needs from before until.", "validity")
            : null;
    }

    public static UserError? CheckStock(int totalStock) =>
        totalStock is < 1 or > MaxStock ? CouponErrors.Invalid($"totalStock must be 1 to {MaxStock}.", "totalStock") : null;

    public static UserError? CheckLimit(int limit) =>
        limit is < 1 or > MaxPerMemberLimit ? CouponErrors.Invalid($"perMemberLimit must be 1 to {MaxPerMemberLimit}.", "perMemberLimit") : null;

    public static UserError? CheckMoney(long? cents, string field) =>
        cents is < 0 ? CouponErrors.Invalid($"{field} can't be negative.", field) : null;

    /// <summary>Decodes store ids and checks the stores exist.</summary>
    public static async Task<(List<long>? Ids, UserError? Error)> StoresAsync(MemberGraphDb db, List<string>? ids, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0)
        {
            return ([], null);
        }

        if (ids.Count > 1000)
        {
            return (null, CouponErrors.Invalid("List at most 1000 stores (or none for every store).", "usableStoreIds"));
        }

        var keys = ids.Select(id => GlobalId.TryDecode(id, "Store")).ToList();
        if (keys.Any(k => k is null))
        {
            return (null, new UserError(UserErrorCode.NotFound, "One of the stores is not a store id.", "usableStoreIds"));
        }

        var distinct = keys.Select(k => k!.Value).Distinct().Order().ToList();
        var found = await db.Stores.CountAsync(s => distinct.Contains(s.Id), ct);
        return found == distinct.Count ? (distinct, null) : (null, new UserError(UserErrorCode.NotFound, "One of the stores does not exist.", "usableStoreIds"));
    }

    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };
}
