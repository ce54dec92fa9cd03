using MemberGraph.Seeding;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Seeding;

/// <summary>The demo is the same every time (fixed seed): two data folders seeded apart hold the same people and story.</summary>
public sealed class DemoDeterminismTests
{
    [Fact]
    public async Task Two_seedings_into_two_files_produce_the_same_people_ids_codes_and_external_user_ids()
    {
        // given
        var settings = new Dictionary<string, string?>(DemoStoryFixture.Seeded) { ["MemberGraph:DemoMembers"] = "300" };
        Dictionary<string, List<string>> a;
        string firstDir;
        await using (var first = await GatewayHost.StartAsync(settings))
        {
            a = await KeyFactsAsync(first);
            firstDir = first.DataDir;
        }

        // when
        await using var second = await GatewayHost.StartAsync(settings);
        var b = await KeyFactsAsync(second);

        // then
        Assert.NotEqual(firstDir, second.DataDir);
        Assert.NotEmpty(a["relationships"]);
        Assert.NotEmpty(a["wecom"]);
        foreach (var (fact, rows) in a)
        {
            Assert.True(rows.SequenceEqual(b[fact]), $"{fact} differs between two seedings");
        }
    }

    [Fact]
    public async Task Seeding_more_members_into_a_seeded_folder_adds_members_and_tells_the_story_once()
    {
        // given
        var settings = new Dictionary<string, string?>(DemoStoryFixture.Seeded) { ["MemberGraph:DemoMembers"] = "300" };
        await using var gateway = await GatewayHost.StartAsync(settings);
        var before = await KeyFactsAsync(gateway);

        // when: seed --members 50 on the same database
        await gateway.Service<DemoSeeder>().SeedAsync(50, null, CancellationToken.None);
        var after = await KeyFactsAsync(gateway);

        // then
        Assert.Equal(before["members"].Count + 50, after["members"].Count);
        Assert.Equal(before["relationships"], after["relationships"]);
        Assert.Equal(before["segments"], after["segments"]);
        Assert.Equal(before["transfers"], after["transfers"]);
        await using var db = gateway.Db();
        Assert.Equal(1, await db.JobRuns.CountAsync(r => r.Job == "tagging-full"));
    }

    /// <summary>
    /// What must not change between seedings. Times are not compared: the demo is anchored at the moment it is seeded
    /// (months of history up to now, this month's commission), and so are channel order ids that embed the paid-at time.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> KeyFactsAsync(GatewayHost gateway)
    {
        await using var db = gateway.Db();
        return new()
        {
            ["members"] = await db.Members.OrderBy(m => m.Id).Select(m => m.Id + " " + m.DisplayName + " " + m.Phone + " " + m.AddedGuideOnWeCom).ToListAsync(),
            ["identities"] = await db.Identities.OrderBy(i => i.Id).Select(i => i.Id + " " + i.MemberId + " " + i.Channel + " " + i.ExternalId).ToListAsync(),
            ["wecom"] = await db.Identities.Where(i => i.Channel == MemberGraph.Members.IdentityChannel.WecomExternalUserid).OrderBy(i => i.Id).Select(i => i.MemberId + " " + i.ExternalId).ToListAsync(),
            ["stores"] = await db.Stores.OrderBy(s => s.Id).Select(s => s.Id + " " + s.Code + " " + s.Address + " " + s.Phone + " " + s.OpeningHours).ToListAsync(),
            ["guides"] = await db.Guides.OrderBy(g => g.Id).Select(g => g.Id + " " + g.Name + " " + g.GuideCode + " " + g.WeComUserId).ToListAsync(),
            ["relationships"] = await db.GuideRelationships.OrderBy(r => r.Id).Select(r => r.Id + " " + r.MemberId + " " + r.GuideId + " " + r.Kind + " " + r.Source + " " + r.SourceDetail).ToListAsync(),
            ["coupons"] = await db.Coupons.OrderBy(c => c.Id).Select(c => c.Id + " " + c.MemberId + " " + c.TemplateId + " " + c.Code + " " + c.Status).ToListAsync(),
            ["orders"] = await db.Orders.OrderBy(o => o.Id).Select(o => o.Id + " " + o.Channel + " " + o.MemberId + " " + o.PaidAmountCents + " " + o.AttributedGuideId).ToListAsync(),
            ["tags"] = await db.MemberTags.OrderBy(t => t.TagId).ThenBy(t => t.MemberId).Select(t => t.TagId + " " + t.MemberId + " " + t.GuideId).ToListAsync(),
            ["segments"] = await db.Segments.OrderBy(s => s.Id).Select(s => s.Name + " " + s.Expression + " " + s.LastCount).ToListAsync(),
            ["transfers"] = await db.CustomerTransfers.OrderBy(t => t.Id).Select(t => t.MemberId + " " + t.FromGuideId + " " + t.ToGuideId + " " + t.Status + " " + t.ExternalUserId).ToListAsync(),
        };
    }
}
