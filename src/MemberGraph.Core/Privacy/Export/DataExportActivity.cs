using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Tags;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Export;

/// <summary>
/// The export's sections about what the member did and what the brand keeps about it: orders (lines, refunds, the store
/// and the guide credited), points (account, lots, ledger), coupons (with their template and history), tags and guide
/// relationships. One query per table, whatever the number of rows.
/// </summary>
internal sealed record DataExportActivity(object Orders, object Points, object Coupons, object Tags, object GuideRelationships)
{
    public static async Task<DataExportActivity> ReadAsync(MemberGraphDb db, long memberId, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking().Where(o => o.MemberId == memberId).OrderBy(o => o.PaidAt).ThenBy(o => o.Id).ToListAsync(ct);
        var orderIds = orders.ConvertAll(o => o.Id);
        var lines = (await db.OrderLines.AsNoTracking().Where(l => orderIds.Contains(l.OrderId)).OrderBy(l => l.LineNumber).ToListAsync(ct))
            .ToLookup(l => l.OrderId);
        var refunds = (await db.OrderRefunds.AsNoTracking().Where(r => orderIds.Contains(r.OrderId)).OrderBy(r => r.Id).ToListAsync(ct))
            .ToLookup(r => r.OrderId);
        var relationships = await db.GuideRelationships.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.Since).ThenBy(r => r.Id)
            .ToListAsync(ct);
        var coupons = await db.Coupons.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.IssuedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var couponIds = coupons.ConvertAll(c => c.Id);
        var history = (await db.CouponHistory.AsNoTracking().Where(h => couponIds.Contains(h.CouponId)).OrderBy(h => h.Id).ToListAsync(ct))
            .ToLookup(h => h.CouponId);
        var templateIds = coupons.Select(c => c.TemplateId).Distinct().ToList();
        var templates = await db.CouponTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => new { t.Name, t.Kind }, ct);

        var guideIds = relationships.Select(r => r.GuideId).Concat(orders.Select(o => o.AttributedGuideId ?? 0)).Where(g => g > 0).Distinct().ToList();
        var guides = await db.Guides.AsNoTracking().Where(g => guideIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => new { g.Name, g.StoreId }, ct);
        var storeIds = orders.Select(o => o.StoreId ?? 0).Concat(guides.Values.Select(g => g.StoreId))
            .Concat(coupons.Select(c => c.RedeemedStoreId ?? 0)).Where(s => s > 0).Distinct().ToList();
        var stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);

        object? Store(long? id) => id is { } key && stores.TryGetValue(key, out var name) ? new { id = GlobalId.Encode("Store", key), name } : null;
        object? Guide(long? id) => id is { } key && guides.TryGetValue(key, out var guide)
            ? new { id = GlobalId.Encode("Guide", key), guide.Name, store = Store(guide.StoreId) }
            : null;

        return new DataExportActivity(
            orders.Select(o => new
            {
                id = GlobalId.Encode("Order", o.Id), channel = ConstantCase.Of(o.Channel), o.ChannelOrderId, store = Store(o.StoreId),
                o.PaidAmountCents, o.RefundedAmountCents, o.PaidAt, o.RecordedAt, status = ConstantCase.Of(o.Status), o.PointsEarned,
                o.GuideCode, o.ShareParameter, attributedGuide = Guide(o.AttributedGuideId), attributionSource = ConstantCase.Of(o.AttributionSource),
                lines = lines[o.Id].Select(l => new
                {
                    l.LineNumber, l.Sku, l.ProductName, category = ConstantCase.Of(l.Category), l.Quantity, l.AmountCents, l.PaidShareCents, l.Points,
                    l.RefundedQuantity, l.RefundedCents,
                }),
                refunds = refunds[o.Id].Select(r => new
                {
                    r.RefundId, kind = ConstantCase.Of(r.Kind), r.AmountCents, r.Reason, r.RefundedAt, r.PointsCancelled, r.PointsDeducted,
                }),
            }).ToList(),
            await PointsAsync(db, memberId, ct),
            coupons.Select(c => new
            {
                id = GlobalId.Encode("Coupon", c.Id), code = CouponCode.Format(c.Code),
                template = new
                {
                    id = GlobalId.Encode("CouponTemplate", c.TemplateId), templates[c.TemplateId].Name, kind = ConstantCase.Of(templates[c.TemplateId].Kind),
                },
                status = ConstantCase.Of(c.Status), source = ConstantCase.Of(c.Source), c.IssuedAt, c.ValidFrom, c.ValidUntil,
                sentByGuide = Guide(c.SentByGuideId), c.RedeemedAt, redeemedStore = Store(c.RedeemedStoreId), c.RedeemedOrderRef,
                c.RedeemedDiscountCents, c.ExpiredAt,
                history = history[c.Id].Select(h => new { @event = ConstantCase.Of(h.Event), h.At, store = Store(h.StoreId), h.OrderRef }),
            }).ToList(),
            await TagsAsync(db, memberId, ct),
            relationships.Select(r => new
            {
                guide = Guide(r.GuideId), kind = ConstantCase.Of(r.Kind), source = ConstantCase.Of(r.Source), r.SourceDetail, r.Since, r.EndedAt,
                r.EndReason,
            }).ToList());
    }

    private static async Task<object> PointsAsync(MemberGraphDb db, long memberId, CancellationToken ct)
    {
        var account = await db.PointsAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.MemberId == memberId, ct);
        var lots = await db.PointsLots.AsNoTracking().Where(l => l.MemberId == memberId).OrderBy(l => l.EarnedAt).ThenBy(l => l.Id).ToListAsync(ct);
        var ledger = await db.PointsEntries.AsNoTracking().Where(e => e.MemberId == memberId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        return new
        {
            balance = account?.Balance ?? 0,
            pending = account?.Pending ?? 0,
            lots = lots.Select(l => new
            {
                orderId = l.OrderId is { } order ? GlobalId.Encode("Order", order) : null, l.Earned, l.Remaining, l.EarnedAt, l.AvailableAt, l.ExpiresAt,
                status = ConstantCase.Of(l.Status),
            }),
            ledger = ledger.Select(e => new
            {
                kind = ConstantCase.Of(e.Kind), e.Amount, e.PendingChange, e.BalanceAfter, e.PendingAfter, e.Reason,
                source = ConstantCase.Of(e.SourceKind), e.SourceId, e.At,
            }),
        };
    }

    private static async Task<object> TagsAsync(MemberGraphDb db, long memberId, CancellationToken ct)
    {
        var tags = await db.MemberTags.AsNoTracking().Where(t => t.MemberId == memberId)
            .Join(db.TagDefinitions, t => t.TagId, d => d.Id, (t, d) => new { d.Key, d.Name, d.Kind, d.Active, t.Value, t.AssignedAt })
            .OrderBy(t => t.Key).ToListAsync(ct);

        // As Member.tags says it (RULE or GUIDE by the tag's kind), and also the tags retired since, which are still kept.
        return tags.Select(t => new
        {
            t.Key, t.Name, t.Value, source = t.Kind == TagKind.Rule ? "RULE" : "GUIDE", active = t.Active, t.AssignedAt,
        }).ToList();
    }
}
