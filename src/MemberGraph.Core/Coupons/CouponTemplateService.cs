using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;
using V = MemberGraph.Coupons.CouponTemplateValidation;

namespace MemberGraph.Coupons;

/// <summary>
/// Operators define coupon templates, change what can still change (name, stock, limits, where and when usable),
/// and retire them. A template's value, threshold and kind are fixed once defined: a different offer is a new template.
/// </summary>
public sealed class CouponTemplateService(IDbContextFactory<MemberGraphDb> factory, IPointsWallet wallet, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<CouponTemplate>> DefineAsync(Caller caller, DefineCouponTemplateInput input, CancellationToken ct)
    {
        var limit = input.PerMemberLimit ?? 1;
        var refused = V.CheckName(input.Name) ?? V.CheckValue(input.Value) ?? V.CheckValidity(input.Validity) ?? V.CheckStock(input.TotalStock)
                      ?? V.CheckLimit(limit) ?? V.CheckMoney(input.ThresholdCents, "thresholdCents") ?? CheckPointsPrice(input.PointsPrice) ?? CheckPartner(input.Kind, input.PartnerId);
        if (refused is not null)
        {
            return refused;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var (stores, storeError) = await V.StoresAsync(db, input.UsableStoreIds, ct);
        if (storeError is not null)
        {
            return storeError;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var value = input.Value;
        var template = new CouponTemplate
        {
            Name = input.Name.Trim(),
            Description = input.Description,
            Kind = input.Kind,
            ValueKind = value.AmountOffCents is not null ? CouponValueKind.AmountOff : value.DiscountRate is not null ? CouponValueKind.Discount : CouponValueKind.Gift,
            AmountOffCents = value.AmountOffCents,
            DiscountRate = value.DiscountRate,
            GiftSku = value.GiftSku,
            GiftDescription = value.GiftDescription,
            ThresholdCents = input.ThresholdCents ?? 0,
            TotalStock = input.TotalStock,
            PerMemberLimit = limit,
            UsableStoreIds = stores!,
            UsableChannels = (input.UsableChannels ?? []).Distinct().Order().ToList(),
            Claimable = input.Claimable ?? true,
            PointsPrice = input.PointsPrice,
            PartnerId = input.PartnerId is null ? null : GlobalId.TryDecode(input.PartnerId, "Partner"),
            CreatedAt = now,
            UpdatedAt = now,
        };
        SetValidity(template, input.Validity);
        db.CouponTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        audit.Record(db, caller, "defineCouponTemplate", $"CouponTemplate:{template.Id}",
            $"{template.Kind} '{template.Name}', stock {template.TotalStock}, limit {template.PerMemberLimit}");
        await db.SaveChangesAsync(ct);
        return Outcome<CouponTemplate>.Ok(template);
    }

    public async Task<Outcome<CouponTemplate>> UpdateAsync(Caller caller, UpdateCouponTemplateInput input, CancellationToken ct)
    {
        var refused = (input.Name is null ? null : V.CheckName(input.Name)) ?? (input.Validity is null ? null : V.CheckValidity(input.Validity))
                      ?? (input.TotalStock is { } stock ? V.CheckStock(stock) : null) ?? (input.PerMemberLimit is { } limit ? V.CheckLimit(limit) : null)
                      ?? CheckPointsPrice(input.PointsPrice is 0 ? null : input.PointsPrice);
        if (refused is not null)
        {
            return refused;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var id = GlobalId.TryDecode(input.Id, "CouponTemplate");
        var (stores, storeError) = input.UsableStoreIds is null ? (null, null) : await V.StoresAsync(db, input.UsableStoreIds, ct);
        if (storeError is not null)
        {
            return storeError;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (input.TotalStock is { } newStock)
        {
            // Conditional, so a parallel claim can't slip stock below what is already issued.
            var changed = await db.CouponTemplates.Where(t => t.Id == id && t.Issued <= newStock)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.TotalStock, newStock), ct);
            if (changed == 0 && await db.CouponTemplates.AnyAsync(t => t.Id == id, ct))
            {
                return CouponErrors.Invalid("totalStock can't be less than the coupons already issued.", "totalStock");
            }
        }

        var template = await db.CouponTemplates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return CouponErrors.TemplateNotFound("id");
        }

        template.Name = input.Name?.Trim() ?? template.Name;
        template.Description = input.Description ?? template.Description;
        template.PerMemberLimit = input.PerMemberLimit ?? template.PerMemberLimit;
        template.Claimable = input.Claimable ?? template.Claimable;
        template.PointsPrice = input.PointsPrice is null ? template.PointsPrice : input.PointsPrice == 0 ? null : input.PointsPrice;
        template.UsableStoreIds = stores ?? template.UsableStoreIds;
        template.UsableChannels = input.UsableChannels?.Distinct().Order().ToList() ?? template.UsableChannels;
        if (input.Validity is not null)
        {
            SetValidity(template, input.Validity);
        }

        template.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(db, caller, "updateCouponTemplate", $"CouponTemplate:{template.Id}", Describe(input));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<CouponTemplate>.Ok(template);
    }

    /// <summary>Stops issuing from a template; coupons already issued stay usable until they expire.</summary>
    public async Task<Outcome<CouponTemplate>> RetireAsync(Caller caller, string templateId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var id = GlobalId.TryDecode(templateId, "CouponTemplate");
        var template = await db.CouponTemplates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return CouponErrors.TemplateNotFound("id");
        }

        if (template.Status == CouponTemplateStatus.Active)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            template.Status = CouponTemplateStatus.Retired;
            template.RetiredAt = now;
            template.UpdatedAt = now;
            audit.Record(db, caller, "retireCouponTemplate", $"CouponTemplate:{template.Id}", $"retired after {template.Issued} issued");
            await db.SaveChangesAsync(ct);
        }

        return Outcome<CouponTemplate>.Ok(template);
    }

    private static void SetValidity(CouponTemplate template, CouponValidityInput validity)
    {
        template.ValidDaysAfterIssue = validity.DaysAfterIssue;
        template.ValidFrom = validity.From is { } from ? V.Utc(from) : null;
        template.ValidUntil = validity.Until is { } until ? V.Utc(until) : null;
    }

    /// <summary>A points price is more than 0 and at most what one spend may take, else no member could ever exchange it.</summary>
    private UserError? CheckPointsPrice(long? price) => price switch
    {
        <= 0 => CouponErrors.Invalid("pointsPrice must be more than 0 (or left out when the coupon can't be exchanged).", "pointsPrice"),
        { } p when p > wallet.MaxSpend => CouponErrors.Invalid($"pointsPrice is at most {wallet.MaxSpend} (the most one exchange may spend).", "pointsPrice"),
        _ => null,
    };

    private static UserError? CheckPartner(CouponKind kind, string? partnerId) => (kind, partnerId) switch
    {
        (CouponKind.Partner, null) => CouponErrors.Invalid("A PARTNER coupon needs the partner's id.", "partnerId"),
        (CouponKind.Partner, _) when GlobalId.TryDecode(partnerId, "Partner") is null => CouponErrors.Invalid("partnerId is not a partner id.", "partnerId"),
        (not CouponKind.Partner, not null) => CouponErrors.Invalid("Only PARTNER coupons have a partner.", "partnerId"),
        _ => null,
    };

    private static string Describe(UpdateCouponTemplateInput input)
    {
        string?[] changes =
        [
            input.Name is null ? null : "name",
            input.Description is null ? null : "description",
            input.Validity is null ? null : "validity",
            input.TotalStock is { } stock ? $"totalStock={stock}" : null,
            input.PerMemberLimit is { } limit ? $"perMemberLimit={limit}" : null,
            input.UsableStoreIds is null ? null : "usableStores",
            input.UsableChannels is null ? null : "usableChannels",
            input.Claimable is { } claimable ? $"claimable={claimable}" : null,
            input.PointsPrice is { } price ? $"pointsPrice={price}" : null,
        ];
        var changed = changes.OfType<string>().ToList();
        return "changed " + (changed.Count == 0 ? "nothing" : string.Join(", ", changed));
    }

    /// <summary>
    /// Templates a caller may see (<see cref="CouponTemplateVisibility"/>), newest first: up to <paramref name="take"/>
    /// after the template <paramref name="after"/>, and how many there are in all when <paramref name="withTotal"/>.
    /// </summary>
    public async Task<(List<CouponTemplate> Rows, int? Total)> ListAsync(
        Caller caller, CouponKind? kind, long? after, int take, bool withTotal, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.CouponTemplates.AsNoTracking();
        if (kind is { } k)
        {
            query = query.Where(t => t.Kind == k);
        }

        query = query.VisibleTo(caller, now);

        var total = withTotal ? await query.CountAsync(ct) : (int?)null;
        if (after is { } position)
        {
            query = query.Where(t => t.Id < position);
        }

        var rows = await query.OrderByDescending(t => t.Id).Take(take).ToListAsync(ct);
        return (rows, total);
    }
}
