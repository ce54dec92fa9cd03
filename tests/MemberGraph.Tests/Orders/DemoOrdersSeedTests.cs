using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Seeding;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Orders;

public sealed class DemoOrdersSeedTests
{
    private static readonly DateTimeOffset SeedTime = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static async Task<GatewayHost> SeededAsync(int members)
    {
        var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(new MutableTimeProvider(SeedTime)));
        await gateway.Service<DemoSeeder>().SeedAsync(members, null, CancellationToken.None);
        return gateway;
    }

    [Fact]
    public async Task Seeded_orders_come_with_points_and_tiers_that_agree_with_them()
    {
        // given
        await using var gateway = await SeededAsync(400);
        await using var db = gateway.Db();

        // when
        var accounts = await db.PointsAccounts.AsNoTracking().ToDictionaryAsync(a => a.MemberId);
        var ledger = await db.PointsEntries.GroupBy(e => e.MemberId).Select(g => new { g.Key, Balance = g.Sum(e => e.Amount), Pending = g.Sum(e => e.PendingChange) }).ToListAsync();
        var lots = await db.PointsLots.GroupBy(l => l.MemberId)
            .Select(g => new { g.Key, Balance = g.Sum(l => l.Status == PointsLotStatus.Available ? l.Remaining : 0), Pending = g.Sum(l => l.Status == PointsLotStatus.Pending ? l.Remaining : 0) })
            .ToDictionaryAsync(l => l.Key);
        var tiers = await db.MemberTiers.AsNoTracking().ToListAsync();
        var growth = await gateway.Service<TierService>().GrowthAsync(db, tiers.ConvertAll(t => t.MemberId), SeedTime.UtcDateTime, CancellationToken.None);

        // then: months of orders on several channels and every category
        Assert.True(await db.Orders.CountAsync() > 400);
        Assert.True(await db.Orders.Select(o => o.Channel).Distinct().CountAsync() >= 4);
        Assert.Equal(5, await db.OrderLines.Select(l => l.Category).Distinct().CountAsync());
        Assert.True(await db.Orders.MinAsync(o => o.PaidAt) < SeedTime.UtcDateTime.AddMonths(-6));
        Assert.True(await db.OrderRefunds.AnyAsync());

        // and every account equals its ledger and its lots; every tier is the level its growth reaches
        Assert.NotEmpty(ledger);
        Assert.All(ledger, l =>
        {
            Assert.Equal((l.Balance, l.Pending), (accounts[l.Key].Balance, accounts[l.Key].Pending));
            Assert.Equal((l.Balance, l.Pending), (lots[l.Key].Balance, lots[l.Key].Pending));
        });
        var ladder = gateway.Service<TierLadder>();
        Assert.All(tiers, t => Assert.Equal(ladder.LevelFor(growth.GetValueOrDefault(t.MemberId)), t.Level));
        Assert.Equal(tiers.Count(t => t.Level > 0), await db.TierChanges.CountAsync(c => c.Reason == TierChangeReason.Seed));
    }

    [Fact]
    public async Task Seeding_is_deterministic()
    {
        // given
        await using var first = await SeededAsync(150);
        await using var second = await SeededAsync(150);

        // when
        var a = await FingerprintAsync(first);
        var b = await FingerprintAsync(second);

        // then
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task A_replay_of_a_seeded_order_is_recognised_as_the_same_order()
    {
        // given
        await using var gateway = await SeededAsync(60);
        Order seeded;
        Identity identity;
        await using (var db = gateway.Db())
        {
            seeded = await db.Orders.Include(o => o.Lines).Where(o => o.Channel == SalesChannel.Pos && o.Refunds.Count == 0).OrderBy(o => o.Id).FirstAsync();
            identity = await db.Identities.Where(i => i.MemberId == seeded.MemberId).OrderBy(i => i.Channel == IdentityChannel.PosCard ? 0 : i.Channel == IdentityChannel.Phone ? 1 : 2).FirstAsync();
        }

        var input = LoyaltyApi.Order(seeded.ChannelOrderId, "", seeded.PaidAmountCents, paidAt: seeded.PaidAt, storeId: GlobalId.Encode("Store", seeded.StoreId!.Value),
            identities: [new { channel = identity.Channel == IdentityChannel.PosCard ? "POS_CARD" : "PHONE", externalId = identity.ExternalId }],
            lines: seeded.Lines.OrderBy(l => l.LineNumber).Select(l => LoyaltyApi.Line(l.Sku, ToEnumName(l.Category), l.Quantity, l.AmountCents)).ToArray());
        input["guideCode"] = seeded.GuideCode;

        // when
        var payload = (await new LoyaltyApi(gateway).RecordAsync(input)).OkData()["recordOrder"]!;

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.True(payload["replayed"]!.GetValue<bool>());
    }

    private static string ToEnumName(ProductCategory category) =>
        string.Concat(category.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static async Task<(int, long, long, long, int)> FingerprintAsync(GatewayHost gateway)
    {
        await using var db = gateway.Db();
        return (await db.Orders.CountAsync(), await db.Orders.SumAsync(o => o.PaidAmountCents), await db.PointsAccounts.SumAsync(a => a.Balance),
            await db.PointsAccounts.SumAsync(a => a.Pending), await db.MemberTiers.SumAsync(t => t.Level));
    }
}
