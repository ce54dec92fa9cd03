using MemberGraph.Guides;
using MemberGraph.Guides.Tasks;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides.Tasks;

/// <summary>
/// createGuideTaskCampaign over a hand-built segment: who gets which member's task, who is counted as unassigned or
/// skipped, who gets nothing; a fill interrupted half-way or run twice ends with the same tasks, none doubled.
/// Each test starts its own gateway (the restart tests change batch size and rewrite campaign rows).
/// </summary>
public sealed class GuideTaskCampaignTests
{
    /// <summary>The hand-built cast: store A (guide A1, resigned A2), store B (guides B1 &lt; B2 by id), eight members.</summary>
    private sealed record Cast(Guide A1, Guide B1, Guide B2, long[] Members, long Withdrawn, long Erased, long NoGuide, long OrphanOfResigned)
    {
        /// <summary>What the rules give: (member → guide, route) for the assigned members.</summary>
        public Dictionary<long, (long GuideId, string Route)> Expected()
        {
            var storeB = new[] { B1.Id, B2.Id };
            return new Dictionary<long, (long, string)>
            {
                [Members[0]] = (A1.Id, "EXCLUSIVE_GUIDE"),
                [Members[1]] = (A1.Id, "EXCLUSIVE_GUIDE"),
                [Members[2]] = (storeB[Members[2] % 2], "STORE_ROTA"), // bought at B, no exclusive guide: member id modulo B's 2 guides
                [Members[3]] = (storeB[Members[3] % 2], "STORE_ROTA"),
                [OrphanOfResigned] = (A1.Id, "STORE_ROTA"), // exclusive guide resigned: the only active guide of that guide's store
            };
        }
    }

    private static async Task<Cast> CastAsync(GatewayHost gateway)
    {
        var kit = new GuideTaskKit(gateway);
        var data = kit.Data;
        var (storeA, storeB) = (await data.StoreAsync(), await data.StoreAsync());
        var a1 = await data.GuideAsync(storeA.Id);
        var a2 = await data.GuideAsync(storeA.Id);
        var b1 = await data.GuideAsync(storeB.Id);
        var b2 = await data.GuideAsync(storeB.Id);
        var members = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            members.Add((await data.MemberAsync($"1390016{TestData.Next():D4}")).Id);
        }

        await data.RelationshipAsync(members[0], a1.Id);
        await data.RelationshipAsync(members[1], a1.Id);
        await data.OrderAsync(members[2], storeB.Id, DateTime.UtcNow.AddDays(-3));
        await data.OrderAsync(members[3], storeB.Id, DateTime.UtcNow.AddDays(-2));
        await data.OrderAsync(members[3], null, DateTime.UtcNow.AddDays(-1)); // an online order after it: the latest in-store order counts
        await data.RelationshipAsync(members[4], a1.Id);
        await kit.WithdrawOutreachAsync(members[4]);
        await data.RelationshipAsync(members[5], a1.Id);
        await kit.EraseAsync(members[5]);
        await data.RelationshipAsync(members[7], a2.Id);
        await kit.ResignAsync(a2.Id);
        return new Cast(a1, b1, b2, [.. members], members[4], members[5], members[6], members[7]);
    }

    [Fact]
    public async Task A_campaign_gives_each_member_of_the_segment_to_the_right_guide()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        var kit = new GuideTaskKit(gateway);
        var cast = await CastAsync(gateway);
        var segment = await kit.SegmentOfAsync(cast.Members);

        // when
        var campaign = await kit.CreatedAsync(segment);

        // then: 8 members - 1 erased = 7 counted; 5 assigned, 1 unassigned (no guide, no store), 1 skipped (consent withdrawn)
        Assert.Equal("READY", campaign["status"]!.GetValue<string>());
        var figures = campaign["figures"]!;
        Assert.Equal((7L, 5L, 5L, 1L, 1L), (figures["members"]!.GetValue<long>(), figures["assigned"]!.GetValue<long>(), figures["open"]!.GetValue<long>(),
            figures["unassigned"]!.GetValue<long>(), figures["skipped"]!.GetValue<long>()));
        var listed = new Dictionary<long, (long GuideId, string Route)>();
        foreach (var guide in new[] { cast.A1, cast.B1, cast.B2 })
        {
            foreach (var (member, route, status) in await kit.TasksOfAsync(guide))
            {
                Assert.Equal("OPEN", status);
                listed.Add(member, (guide.Id, route));
            }
        }

        Assert.Equal(cast.Expected().OrderBy(e => e.Key), listed.OrderBy(e => e.Key));
        Assert.DoesNotContain(cast.Erased, listed.Keys);
        await using var db = gateway.Db();
        Assert.False(await db.GuideTasks.AnyAsync(t => t.MemberId == cast.Erased));
        Assert.Equal(GuideTaskStatus.Skipped, await db.GuideTasks.Where(t => t.MemberId == cast.Withdrawn).Select(t => t.Status).SingleAsync());
        Assert.Equal(GuideTaskStatus.Unassigned, await db.GuideTasks.Where(t => t.MemberId == cast.NoGuide).Select(t => t.Status).SingleAsync());
    }

    [Fact]
    public async Task A_fill_interrupted_half_way_continues_from_its_watermark_and_a_fill_run_twice_doubles_nothing()
    {
        // given: batches of 2 member ids, a campaign filled once; its tasks as the guides list them
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["GuideTasks:BatchSize"] = "2" });
        var kit = new GuideTaskKit(gateway);
        var cast = await CastAsync(gateway);
        var campaign = await kit.CreatedAsync(await kit.SegmentOfAsync(cast.Members));
        var campaignId = GuideTaskKit.Key(campaign["id"]!.GetValue<string>());
        var before = await TaskRowsAsync(gateway, campaignId);
        Assert.Equal(7, before.Count);

        // when: the state a crash after the batch ending at the 4th member leaves (later batches never committed), then the resume job
        var watermark = cast.Members[3];
        await using (var db = gateway.Db())
        {
            await db.GuideTasks.Where(t => t.CampaignId == campaignId && t.MemberId > watermark).ExecuteDeleteAsync();
            await db.GuideTaskCampaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, GuideTaskCampaignStatus.Filling).SetProperty(c => c.FilledUpToMemberId, watermark).SetProperty(c => c.FilledAt, (DateTime?)null));
        }

        Assert.True((await TaskRowsAsync(gateway, campaignId)).Count < 7);
        await RunJobAsync(gateway, kit, GuideTaskCampaignJob.JobName);

        // then: the same rows as the uninterrupted fill
        Assert.Equal(before, await TaskRowsAsync(gateway, campaignId));
        Assert.Equal("READY", (await kit.CampaignAsync(campaign["id"]!.GetValue<string>()))["status"]!.GetValue<string>());

        // when: a second filler starts the whole range again over the written rows
        await using (var db = gateway.Db())
        {
            await db.GuideTaskCampaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, GuideTaskCampaignStatus.Filling).SetProperty(c => c.FilledUpToMemberId, 0L));
        }

        await RunJobAsync(gateway, kit, GuideTaskCampaignJob.JobName);

        // then: nothing doubled, the figures unchanged
        Assert.Equal(before, await TaskRowsAsync(gateway, campaignId));
        var figures = (await kit.CampaignAsync(campaign["id"]!.GetValue<string>()))["figures"]!;
        Assert.Equal((7L, 5L), (figures["members"]!.GetValue<long>(), figures["assigned"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Completion_rates_per_campaign_store_and_guide()
    {
        // given: the cast's campaign (A1: 3 tasks, store B: 2 tasks); A1 completes 2, one B task is completed
        await using var gateway = await GatewayHost.StartAsync();
        var kit = new GuideTaskKit(gateway);
        var cast = await CastAsync(gateway);
        var campaign = await kit.CreatedAsync(await kit.SegmentOfAsync(cast.Members));
        var id = campaign["id"]!.GetValue<string>();
        var expected = cast.Expected();
        await kit.CompleteAsync(kit.Data.GuideToken(cast.A1), await kit.TaskIdAsync(cast.Members[0]), "CHATTED_ON_WECOM");
        await kit.CompleteAsync(kit.Data.GuideToken(cast.A1), await kit.TaskIdAsync(cast.Members[1]), "NOT_INTERESTED");
        var bGuide = expected[cast.Members[2]].GuideId == cast.B1.Id ? cast.B1 : cast.B2;
        await kit.CompleteAsync(kit.Data.GuideToken(bGuide), await kit.TaskIdAsync(cast.Members[2]), "NO_ANSWER");

        // when
        var admin = await kit.CampaignAsync(id);
        var staffOfB = await kit.CampaignAsync(id, kit.Data.StaffToken(cast.B1.StoreId));

        // then: campaign 3 done of 5 = 0.6; store A 2 of 3; store B 1 of 2; guide A1 2 of 3
        Assert.Equal(0.6, admin["figures"]!["completionRate"]!.GetValue<double>(), 6);
        var byStore = admin["byStore"]!.AsArray().ToDictionary(s => GuideTaskKit.Key(s!["store"]!["id"]!.GetValue<string>()), s => s!["figures"]!);
        Assert.Equal((3L, 2L), (byStore[cast.A1.StoreId]["assigned"]!.GetValue<long>(), byStore[cast.A1.StoreId]["done"]!.GetValue<long>()));
        Assert.Equal((2L, 1L), (byStore[cast.B1.StoreId]["assigned"]!.GetValue<long>(), byStore[cast.B1.StoreId]["done"]!.GetValue<long>()));
        var byGuide = admin["byGuide"]!.AsArray().ToDictionary(s => GuideTaskKit.Key(s!["guide"]!["id"]!.GetValue<string>()), s => s!["figures"]!);
        Assert.Equal(2.0 / 3, byGuide[cast.A1.Id]["completionRate"]!.GetValue<double>(), 6);
        Assert.Equal(1L, byGuide[bGuide.Id]["done"]!.GetValue<long>());

        // staff of store B: only store B's tasks
        Assert.Equal((2L, 1L), (staffOfB["figures"]!["assigned"]!.GetValue<long>(), staffOfB["figures"]!["done"]!.GetValue<long>()));
        Assert.Equal([cast.B1.StoreId], staffOfB["byStore"]!.AsArray().Select(s => GuideTaskKit.Key(s!["store"]!["id"]!.GetValue<string>())));
    }

    private static async Task<List<(long MemberId, long? GuideId, GuideTaskStatus Status)>> TaskRowsAsync(GatewayHost gateway, long campaignId)
    {
        await using var db = gateway.Db();
        var rows = await db.GuideTasks.AsNoTracking().Where(t => t.CampaignId == campaignId).OrderBy(t => t.MemberId)
            .Select(t => new { t.MemberId, t.GuideId, t.Status }).ToListAsync();
        return rows.ConvertAll(r => (r.MemberId, r.GuideId, r.Status));
    }

    internal static async Task RunJobAsync(GatewayHost gateway, GuideTaskKit kit, string job)
    {
        var answer = await gateway.GraphQLAsync("mutation($j: String!) { runJob(input: { job: $j, wait: true }) { jobRun { status } errors { code } } }",
            new { j = job }, kit.Data.AdminToken());
        Assert.Equal("SUCCEEDED", answer.OkData()["runJob"]!["jobRun"]!["status"]!.GetValue<string>());
    }
}
