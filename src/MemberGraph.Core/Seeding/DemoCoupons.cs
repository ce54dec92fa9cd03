using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>
/// The demo chain's coupons: a handful of templates in the fruit-chain style (满100减15 in store, a rainy-day
/// delivery coupon, O2O 30-minute delivery, a gift, a points exchange, the partners' benefits — 2 hours' parking at 万象城
/// for 200 points among them), and coupons already
/// held by about a third of the seeded members so that <c>me { coupons }</c> shows something.
/// </summary>
internal static class DemoCoupons
{
    private const int Batch = 5_000;

    public static async Task SeedAsync(IDbContextFactory<MemberGraphDb> factory, DateTime now, IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        var (inStore, delivery) = await SeedTemplatesAsync(factory, now, ct);
        await IssueToNewMembersAsync(factory, inStore, delivery, now, progress, ct);
    }

    private static async Task<(CouponTemplate InStore, CouponTemplate Delivery)> SeedTemplatesAsync(IDbContextFactory<MemberGraphDb> factory, DateTime now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.CouponTemplates.AnyAsync(ct))
        {
            db.CouponTemplates.AddRange(
                Template("满100减15", "到店消费满100元减15元，全部门店可用。", CouponKind.InStore, t => t.AmountOffCents = 1500, 10000, 30, 5_000_000, 2, [CouponChannel.Pos], now),
                Template("雨天外送券 满59减10", "下雨天不想出门？小程序外送满59元减10元。", CouponKind.Delivery, t => t.AmountOffCents = 1000, 5900, 7, 5_000_000, 1, [CouponChannel.MiniProgram, CouponChannel.DeliveryPlatform], now),
                Template("O2O 30分钟达 9折", "附近门店30分钟送达，果切、果汁9折。", CouponKind.O2O, t => t.DiscountRate = 90, 3000, 14, 200_000, 1, [CouponChannel.MiniProgram], now),
                Template("到店赠 西瓜果切200g", "到店消费满50元，赠西瓜果切一份。", CouponKind.InStore, t => { t.GiftSku = "CUT-WATERMELON-200G"; t.GiftDescription = "赠 西瓜果切 200g"; }, 5000, 10, 100_000, 1, [CouponChannel.Pos], now),
                Template("积分兑 20元无门槛券", "2000积分兑换，小程序和门店都能用。", CouponKind.InStore, t => { t.AmountOffCents = 2000; t.Claimable = false; t.PointsPrice = 2000; }, 0, 30, 50_000, 5, [], now),
                Template("合作商城 满200减30", "权益互通：合作商城购物满200元减30元。", CouponKind.Partner, t => { t.AmountOffCents = 3000; t.PartnerId = 1; }, 20000, 30, 100_000, 1, [], now),
                Template("万象城 2小时免费停车", "200积分兑换万象城停车2小时，出场时出示券码。", CouponKind.Partner,
                    t => { t.GiftDescription = "万象城停车 2 小时"; t.PartnerId = 1; t.Claimable = false; t.PointsPrice = 200; }, 0, 30, 100_000, 5, [], now),
                Template("银泰百货 满300减30", "权益互通：银泰百货购物满300元减30元。", CouponKind.Partner, t => { t.AmountOffCents = 3000; t.PartnerId = 2; }, 30000, 30, 100_000, 1, [], now));
            await db.SaveChangesAsync(ct);
        }

        var templates = await db.CouponTemplates.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        return (templates.First(t => t.Kind == CouponKind.InStore && t.Claimable), templates.First(t => t.Kind == CouponKind.Delivery));
    }

    /// <summary>One in three members not seen before gets the in-store coupon, one in five the delivery coupon, issued in the last weeks.</summary>
    private static async Task IssueToNewMembersAsync(IDbContextFactory<MemberGraphDb> factory, CouponTemplate inStore, CouponTemplate delivery, DateTime now, IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var lastHolder = await db.Coupons.MaxAsync(c => (long?)c.MemberId, ct) ?? 0;
        var nextId = (await db.Coupons.MaxAsync(c => (long?)c.Id, ct) ?? 0) + 1;
        var firstId = nextId;
        var total = await db.Members.CountAsync(m => m.Id > lastHolder, ct);
        var random = new Random(DemoSeeder.RandomSeed + 3);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await SeedPragmas.BulkAsync(connection, db.Engine == DatabaseKind.SqlServer, ct);
        var insert = new BatchInsert(connection, "Coupons",
            ["Id", "TemplateId", "MemberId", "Code", "Status", "Source", "IssuedAt", "ValidFrom", "ValidUntil"], db.Engine == DatabaseKind.SqlServer);

        var done = 0;
        var after = lastHolder;
        while (true)
        {
            var members = await db.Members.AsNoTracking()
                .Where(m => m.Id > after && m.Status == MemberStatus.Active)
                .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
            if (members.Count == 0)
            {
                break;
            }

            await using var transaction = await connection.BeginTransactionAsync(ct);
            insert.Enlist(transaction);
            foreach (var memberId in members)
            {
                foreach (var template in new[] { memberId % 3 == 0 ? inStore : null, memberId % 5 == 0 ? delivery : null })
                {
                    if (template is not null)
                    {
                        var issuedAt = now.AddDays(-random.Next(0, template.ValidDaysAfterIssue!.Value)).AddMinutes(-random.Next(0, 1440));
                        var (from, until) = template.ValidityFor(issuedAt);
                        var id = nextId++;
                        await insert.AddAsync([id, template.Id, memberId, DemoCast.CouponCode(id), nameof(CouponStatus.Available), nameof(CouponSource.Claim), issuedAt, from, until], ct);
                    }
                }
            }

            await insert.FlushAsync(ct);
            await transaction.CommitAsync(ct);
            after = members[^1];
            done += members.Count;
            progress?.Report(new SeedProgress("coupons", done, total));
        }

        await SeedPragmas.RestoreAsync(connection, db.Engine == DatabaseKind.SqlServer, ct);

        // A seeded coupon's history starts with its issue, as an issued one's does.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"CouponHistory\" (\"CouponId\", \"Event\", \"At\") SELECT \"Id\", {0}, \"IssuedAt\" FROM \"Coupons\" WHERE \"Id\" >= {1}",
            [nameof(CouponHistoryEvent.Issued), firstId], ct);

        // The stock counters follow what was issued (templates' stock leaves room for the demo's coupons).
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE \"CouponTemplates\" SET \"Issued\" = (SELECT COUNT(*) FROM \"Coupons\" WHERE \"Coupons\".\"TemplateId\" = \"CouponTemplates\".\"Id\")", ct);
    }

    private static CouponTemplate Template(string name, string description, CouponKind kind, Action<CouponTemplate> value, long thresholdCents,
        int days, int stock, int limit, List<CouponChannel> channels, DateTime now)
    {
        var template = new CouponTemplate
        {
            Name = name,
            Description = description,
            Kind = kind,
            ThresholdCents = thresholdCents,
            ValidDaysAfterIssue = days,
            TotalStock = stock,
            PerMemberLimit = limit,
            UsableChannels = channels,
            CreatedAt = now,
            UpdatedAt = now,
        };
        value(template);
        template.ValueKind = template.AmountOffCents is not null ? CouponValueKind.AmountOff : template.DiscountRate is not null ? CouponValueKind.Discount : CouponValueKind.Gift;
        return template;
    }
}
