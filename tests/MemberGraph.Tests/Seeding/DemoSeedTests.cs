using MemberGraph.Members;
using MemberGraph.Seeding;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Seeding;

/// <summary>The first-start demo brand (MemberGraph:SeedDemoData) as a front-end developer finds it.</summary>
public sealed class DemoSeedTests
{
    private static readonly Dictionary<string, string?> Seeded = new()
    {
        ["MemberGraph:SeedDemoData"] = "true",
        ["MemberGraph:DemoMembers"] = "600",
    };

    [Fact]
    public async Task The_demo_brand_has_stores_with_coordinates_in_several_cities_and_about_five_guides_per_store()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync(Seeded);
        await using var db = gateway.Db();

        // when
        var stores = await db.Stores.AsNoTracking().ToListAsync();
        var guides = await db.Guides.AsNoTracking().ToListAsync();

        // then
        Assert.True(stores.Select(s => s.City).Distinct().Count() >= 3, "at least three cities");
        Assert.InRange(stores.Count, 18, 22);
        Assert.All(stores, s =>
        {
            Assert.InRange(s.Latitude, 18.0, 54.0); // inside China, not 0/0
            Assert.InRange(s.Longitude, 73.0, 135.0);
            Assert.True(s.DeliveryRadiusMeters > 0);
        });
        Assert.Equal(stores.Count, stores.Select(s => s.Code).Distinct().Count());
        Assert.InRange(guides.Count, 90, 110);
        Assert.All(stores, s => Assert.Contains(guides, g => g.StoreId == s.Id));
        Assert.Equal(guides.Count, guides.Select(g => g.GuideCode).Distinct().Count());
    }

    [Fact]
    public async Task The_demo_members_are_known_by_identities_across_channels()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync(Seeded);
        await using var db = gateway.Db();

        // when
        var members = await db.Members.AsNoTracking().Include(m => m.Identities).ToListAsync();

        // then
        Assert.Equal(600, members.Count);
        Assert.All(members, m => Assert.NotEmpty(m.Identities));
        var channels = members.SelectMany(m => m.Identities).Select(i => i.Channel).Distinct().ToList();
        Assert.Superset(new HashSet<IdentityChannel>
        {
            IdentityChannel.WechatOpenid, IdentityChannel.WechatUnionid, IdentityChannel.Phone,
            IdentityChannel.TmallOuid, IdentityChannel.JdPin, IdentityChannel.PosCard,
        }, channels.ToHashSet());
        Assert.All(members.Where(m => m.Phone is not null), m =>
            Assert.Contains(m.Identities, i => i.Channel == IdentityChannel.Phone && i.ExternalId == m.Phone));
    }

    [Fact]
    public async Task Every_fiftieth_member_is_the_marketplace_half_of_the_person_before_them_and_awaits_a_merge()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync(Seeded);
        await using var db = gateway.Db();
        var members = await db.Members.AsNoTracking().Include(m => m.Identities).ToDictionaryAsync(m => m.Id);

        // when
        var secondHalves = members.Values.Where(m => DemoPerson.IsSecondHalf(m.Id)).ToList();

        // then: 600 / 50 pairs; the second half holds the phone the first half will bind in the mini-program
        Assert.Equal(12, secondHalves.Count);
        Assert.All(secondHalves, second =>
        {
            var first = members[second.Id - 1];
            var phone = DemoPerson.PhoneOf(first.Id);
            Assert.Equal(phone, second.Phone);
            Assert.Contains(second.Identities, i => i.Channel == IdentityChannel.Phone && i.ExternalId == phone);
            Assert.Contains(second.Identities, i => i.Channel is IdentityChannel.TmallOuid or IdentityChannel.JdPin or IdentityChannel.PosCard);
            Assert.DoesNotContain(second.Identities, i => i.Channel is IdentityChannel.WechatOpenid or IdentityChannel.WechatUnionid);

            Assert.Null(first.Phone);
            Assert.DoesNotContain(first.Identities, i => i.Channel == IdentityChannel.Phone);
            Assert.NotEmpty(first.Identities);
            Assert.Equal(MemberStatus.Active, first.Status);
            Assert.Equal(MemberStatus.Active, second.Status);
        });
        Assert.Single(members.Values, m => m.Identities.Any(i => i.Channel == IdentityChannel.Phone && i.ExternalId == DemoPerson.PhoneOf(49)));
    }

    [Fact]
    public async Task A_second_start_on_the_same_data_folder_does_not_seed_again()
    {
        // given
        await using var first = await GatewayHost.StartAsync(Seeded);
        var before = await CountsAsync(first);

        // when: another gateway starts on the same data folder, asking for a different number of members
        await using var second = await GatewayHost.StartAsync(new Dictionary<string, string?>(Seeded) { ["MemberGraph:DemoMembers"] = "700" }, first.DataDir);
        var after = await CountsAsync(second);

        // then
        Assert.Equal((20, 100, 600), (before.Stores, before.Guides, before.Members));
        Assert.Equal(before, after);
    }

    private static async Task<(int Stores, int Guides, int Members, int Identities)> CountsAsync(GatewayHost gateway)
    {
        await using var db = gateway.Db();
        return (await db.Stores.CountAsync(), await db.Guides.CountAsync(), await db.Members.CountAsync(), await db.Identities.CountAsync());
    }
}
