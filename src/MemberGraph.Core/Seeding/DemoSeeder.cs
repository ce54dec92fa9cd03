using System.Data.Common;
using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Stores;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>
/// Deterministic demo data (fixed random seed): the demo fruit chain's stores and guides, and members with
/// identities spread across channels. About 2% of people appear twice — once from the mini-program (openid,
/// unionid) and once from a marketplace or the till (phone, Tmall/JD/POS) — so that the first order or phone
/// binding carrying both identities merges them, as in real life.
/// Members and identities are written with prepared inserts in large transactions (a million members in about a minute);
/// then <see cref="DemoOrders"/> gives them months of orders with the points and tiers those earn, and
/// <see cref="DemoStory"/> the guide relationships, tags, segments, coupon states, commission and job runs of the demo.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<MemberGraphDb> factory, TimeProvider clock, DemoOrders orders, DemoStory story, ILogger<DemoSeeder> logger)
{
    public const int RandomSeed = 20261123;
    private const int MembersPerTransaction = 50_000;
    private const int ProgressEvery = 5_000;
    private static readonly Dictionary<IdentityChannel, string> ChannelNames = Enum.GetValues<IdentityChannel>().ToDictionary(c => c, c => c.ToString());

    public async Task<bool> SeedIfEmptyAsync(int members, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Stores.AnyAsync(cancellationToken))
            {
                return false;
            }
        }

        await SeedAsync(members, progress, cancellationToken);
        return true;
    }

    public async Task SeedAsync(int members, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var random = new Random(RandomSeed);
        var now = clock.GetUtcNow().UtcDateTime;
        var stores = await SeedStoresAndGuidesAsync(random, progress, cancellationToken);
        await SeedMembersAsync(members, random, now, progress, cancellationToken);
        await orders.SeedAsync(now, progress, cancellationToken);
        await DemoCoupons.SeedAsync(factory, now, progress, cancellationToken);
        await story.SeedAsync(progress, cancellationToken);
        logger.LogInformation("Seeded the demo brand: {Stores} stores, {Members} members", stores, members);
    }

    private async Task<int> SeedStoresAndGuidesAsync(Random random, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Stores.AnyAsync(cancellationToken))
        {
            return await db.Stores.CountAsync(cancellationToken);
        }

        var stores = new List<Store>();
        foreach (var city in DemoBrand.Cities)
        {
            var perCity = city.Code == "SH" ? 8 : 4;
            for (var i = 1; i <= perCity; i++)
            {
                var district = city.Districts[(i - 1) % city.Districts.Length];
                var (address, phone, hours) = DemoBrand.DetailsOf(city, district, i);
                stores.Add(new Store
                {
                    Code = $"{city.Code}{i:000}",
                    Name = $"鲜果时光 {city.Name}{district}{i}号店",
                    City = city.Name,
                    Latitude = Math.Round(city.Latitude + (random.NextDouble() - 0.5) * 0.16, 6),
                    Longitude = Math.Round(city.Longitude + (random.NextDouble() - 0.5) * 0.16, 6),
                    DeliveryRadiusMeters = 3000 + random.Next(0, 5) * 500,
                    Address = address,
                    Phone = phone,
                    OpeningHours = hours,
                });
            }
        }

        db.Stores.AddRange(stores);
        await db.SaveChangesAsync(cancellationToken);

        var guideNumber = 0;
        foreach (var store in stores)
        {
            for (var i = 0; i < 5; i++)
            {
                guideNumber++;
                db.Guides.Add(new Guide
                {
                    Name = PersonName(random),
                    StoreId = store.Id,
                    WeComUserId = $"guide{guideNumber:0000}",
                    GuideCode = $"G{store.Code}{i + 1:00}",
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        progress?.Report(new SeedProgress("stores and guides", stores.Count, stores.Count));
        return stores.Count;
    }

    private async Task SeedMembersAsync(int count, Random random, DateTime now, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var isSqlServer = db.Engine == DatabaseKind.SqlServer;
        var firstId = (await db.Members.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0) + 1;
        var firstIdentityId = (await db.Identities.MaxAsync(i => (long?)i.Id, cancellationToken) ?? 0) + 1;

        // This connection only; the pragma interceptor resets them on the next open as well.
        await SeedPragmas.BulkAsync(connection, isSqlServer, cancellationToken);

        await using var memberInsert = new BatchInsert(connection, "Members",
            ["Id", "DisplayName", "Phone", "Birthday", "Gender", "CreatedAt", "RegisteredAt", "Status", "FollowedOfficialAccount", "AuthorizedMiniProgram", "AddedGuideOnWeCom", "MarketingConsent", "TouchedAt", "HomeLatitude", "HomeLongitude"], isSqlServer);
        await using var identityInsert = new BatchInsert(connection, "Identities", ["Id", "Channel", "ExternalId", "MemberId", "LinkedAt"], isSqlServer, memberInsert);

        var identityId = firstIdentityId;
        for (var start = 0; start < count; start += MembersPerTransaction)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            memberInsert.Enlist(transaction);
            identityInsert.Enlist(transaction);
            var end = Math.Min(count, start + MembersPerTransaction);
            for (var n = start; n < end; n++)
            {
                var id = firstId + n;
                var person = DemoPerson.Create(random, id, now);
                var (homeLatitude, homeLongitude) = DemoPerson.HomeOf(id);
                await memberInsert.AddAsync([id, person.Name, person.Phone, person.Birthday, person.Gender.ToString(), person.CreatedAt, person.RegisteredAt,
                    nameof(MemberStatus.Active), person.FollowedOfficialAccount, person.AuthorizedMiniProgram, false, person.MarketingConsent, person.CreatedAt, homeLatitude, homeLongitude], cancellationToken);
                foreach (var (channel, externalId) in person.Identities)
                {
                    await identityInsert.AddAsync([identityId++, ChannelNames[channel], externalId, id, person.CreatedAt], cancellationToken);
                }

                if ((n + 1) % ProgressEvery == 0 && n + 1 < end)
                {
                    progress?.Report(new SeedProgress("members", n + 1, count));
                }
            }

            await memberInsert.FlushAsync(cancellationToken);
            await identityInsert.FlushAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report(new SeedProgress("members", end, count));
        }

        await SeedPragmas.RestoreAsync(connection, isSqlServer, cancellationToken);
    }

    internal static string PersonName(Random random) =>
        DemoBrand.Surnames[random.Next(DemoBrand.Surnames.Length)] + DemoBrand.GivenNames[random.Next(DemoBrand.GivenNames.Length)];
}
