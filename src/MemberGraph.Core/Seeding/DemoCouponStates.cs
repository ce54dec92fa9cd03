using MemberGraph.Coupons;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>
/// Coupons of every scene (in store, delivery, O2O, partner) in every status, sent by guides to their demo customers.
/// Issued with deterministic codes (<see cref="DemoCast.CouponCode"/>), then moved the way the system moves them: reserved and written off through
/// <see cref="CouponWriteOffService"/>, expired by the <c>coupon-expiry</c> job (they are issued with a validity that
/// has already ended). Nothing in the gateway revokes a coupon yet, so the revoked ones are written as revoked.
/// </summary>
internal sealed class DemoCouponStates(IDbContextFactory<MemberGraphDb> factory, CouponWriteOffService writeOffs)
{
    private static readonly CouponStatus[] Plan =
        [CouponStatus.Available, CouponStatus.Available, CouponStatus.Reserved, CouponStatus.Redeemed, CouponStatus.Expired, CouponStatus.Revoked];

    private static readonly Dictionary<CouponKind, CouponChannel> ChannelOf = new()
    {
        [CouponKind.InStore] = CouponChannel.Pos,
        [CouponKind.Delivery] = CouponChannel.MiniProgram,
        [CouponKind.O2O] = CouponChannel.MiniProgram,
        [CouponKind.Partner] = CouponChannel.Pos,
    };

    /// <summary>Issues the coupons; the expired ones become expired when the coupon-expiry job runs afterwards.</summary>
    public async Task SeedAsync(IReadOnlyList<DemoCustomer> customers, IReadOnlyDictionary<long, long> storeOfGuide, DateTime now, CancellationToken ct)
    {
        var planned = new List<(Coupon Coupon, CouponStatus Target, CouponKind Kind, long StoreId)>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var templates = await db.CouponTemplates.OrderBy(t => t.Id).ToListAsync(ct);
            var exclusive = customers.Where(c => c.Source != Guides.RelationshipSource.Transfer).DistinctBy(c => c.MemberId).ToList();
            var memberIds = exclusive.Select(c => c.MemberId).ToList();
            var held = await db.Coupons.Where(c => memberIds.Contains(c.MemberId))
                .GroupBy(c => new { c.TemplateId, c.MemberId }).Select(g => new { g.Key.TemplateId, g.Key.MemberId, Count = g.Count() })
                .ToDictionaryAsync(x => (x.TemplateId, x.MemberId), x => x.Count, ct);
            foreach (var kind in ChannelOf.Keys)
            {
                if (templates.FirstOrDefault(t => t.Kind == kind) is not { } template)
                {
                    continue;
                }

                var holders = exclusive.Where(c => held.GetValueOrDefault((template.Id, c.MemberId)) < template.PerMemberLimit).Take(Plan.Length).ToList();
                for (var i = 0; i < holders.Count; i++)
                {
                    var expired = Plan[i] == CouponStatus.Expired;
                    var issuedAt = expired ? now.AddDays(-(template.ValidDaysAfterIssue ?? 30) - 2) : now.AddDays(-1 - i);
                    var (from, until) = template.ValidityFor(issuedAt);
                    var coupon = new Coupon
                    {
                        TemplateId = template.Id, MemberId = holders[i].MemberId, Code = DemoCast.CouponCode(DemoCast.StoryCouponKey(holders[i].MemberId, (int)kind)), Status = CouponStatus.Available,
                        Source = CouponSource.GuideSend, SentByGuideId = holders[i].GuideId, IssuedAt = issuedAt, ValidFrom = from,
                        ValidUntil = expired ? Min(until, now.AddDays(-1)) : until,
                    };
                    db.Coupons.Add(coupon);
                    template.Issued++;
                    planned.Add((coupon, Plan[i], kind, storeOfGuide[holders[i].GuideId]));
                }
            }

            await db.SaveChangesAsync(ct);

            // Issued like every coupon: its history starts there (the moves below record their own steps).
            foreach (var (coupon, _, _, _) in planned)
            {
                CouponHistory.Record(db, coupon.Id, CouponHistoryEvent.Issued, coupon.IssuedAt);
            }

            await db.SaveChangesAsync(ct);
        }

        foreach (var (coupon, target, kind, storeId) in planned)
        {
            await MoveAsync(coupon, target, kind, storeId, now, ct);
        }
    }

    private async Task MoveAsync(Coupon coupon, CouponStatus target, CouponKind kind, long storeId, DateTime now, CancellationToken ct)
    {
        var use = new CouponUse($"DEMO-{coupon.Id}", storeId, ChannelOf[kind], 100_000);
        var error = target switch
        {
            CouponStatus.Reserved => (await writeOffs.ReserveAsync(DemoGuideCustomers.Operator, new CouponRef(null, coupon.Code), use, ct)).Error,
            CouponStatus.Redeemed => (await writeOffs.RedeemAsync(DemoGuideCustomers.Operator, coupon.Code, use, ct)).Error,
            _ => null,
        };
        if (error is not null)
        {
            throw new InvalidOperationException($"Demo seed: coupon {coupon.Id} ({kind}) could not be {target}: {error.Message}");
        }

        if (target == CouponStatus.Revoked)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await db.Coupons.Where(c => c.Id == coupon.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CouponStatus.Revoked), ct);
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
