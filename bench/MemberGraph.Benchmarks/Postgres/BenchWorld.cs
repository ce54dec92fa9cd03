using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Stores;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.Postgres;

/// <summary>
/// What the write path needs on a PostgreSQL database, which the demo seeder does not fill (it writes explicit ids, which
/// PostgreSQL's identity sequences would not follow): 20 stores with five guides each, and returning members who carry a POS
/// card and a phone and have one earlier order — written through EF Core, so every id comes from its sequence.
/// </summary>
internal static class BenchWorld
{
    public static async Task SeedIfEmptyAsync(IDbContextFactory<MemberGraphDb> factory, int members)
    {
        await using var db = await factory.CreateDbContextAsync();
        if (await db.Stores.AnyAsync())
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var stores = Enumerable.Range(1, 20).Select(i => new Store
        {
            Code = $"BW{i:000}", Name = $"鲜果时光 基准店 {i}", City = "上海", Latitude = 31.2 + i * 0.01, Longitude = 121.4 + i * 0.01, DeliveryRadiusMeters = 3_000,
        }).ToList();
        db.Stores.AddRange(stores);
        await db.SaveChangesAsync();
        db.Guides.AddRange(stores.SelectMany(s => Enumerable.Range(1, 5).Select(i => new Guide
        {
            Name = $"导购 {s.Code}-{i}", StoreId = s.Id, WeComUserId = $"bench-{s.Code}-{i}", GuideCode = $"G{s.Code}{i:00}",
        })));
        await db.SaveChangesAsync();

        for (var start = 0; start < members; start += 500)
        {
            db.ChangeTracker.Clear();
            var batch = Enumerable.Range(start, Math.Min(500, members - start)).Select(n => new Member
            {
                DisplayName = $"会员 {n}", CreatedAt = now.AddDays(-400), TouchedAt = now.AddDays(-30), Status = MemberStatus.Active,
                Identities =
                [
                    new Identity { Channel = IdentityChannel.PosCard, ExternalId = $"BPC{n:D8}", LinkedAt = now.AddDays(-400) },
                    new Identity { Channel = IdentityChannel.Phone, ExternalId = $"139{n:D8}", LinkedAt = now.AddDays(-400) },
                ],
            }).ToList();
            db.Members.AddRange(batch);
            await db.SaveChangesAsync();
            db.Orders.AddRange(batch.Select((m, i) => new Order
            {
                Channel = SalesChannel.Pos, ChannelOrderId = $"BW-EARLIER-{start + i:D8}", MemberId = m.Id, StoreId = stores[(start + i) % stores.Count].Id,
                PaidAmountCents = 3_600, PaidAt = now.AddDays(-30), RecordedAt = now.AddDays(-30), ContentHash = "bench-world",
                Lines = [new OrderLine { LineNumber = 1, Sku = "IMP-MANGO-2PC", Category = ProductCategory.ImportedFruit, Quantity = 1, AmountCents = 3_600, PaidShareCents = 3_600 }],
            }));
            await db.SaveChangesAsync();
        }

        Console.WriteLine($"PostgreSQL: seeded 20 stores, 100 guides and {members:N0} returning members in {clock.Elapsed.TotalSeconds:F0} s.");
    }
}
