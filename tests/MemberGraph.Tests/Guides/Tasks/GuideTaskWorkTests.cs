using MemberGraph.Guides.Tasks;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides.Tasks;

/// <summary>A guide works their tasks: completes them with outcomes, sends the campaign's coupon, watches tasks arrive; tasks expire.</summary>
public abstract class GuideTaskWorkTests(GatewayHost gateway)
{
    public sealed class OnSqlite(GatewayFixture fixture) : GuideTaskWorkTests(fixture.Gateway), IClassFixture<GatewayFixture>;

    public sealed class OnPostgres(PostgresGatewayFixture fixture) : GuideTaskWorkTests(fixture.Gateway), IClassFixture<PostgresGatewayFixture>;

    private GatewayHost Gateway => gateway;

    [Fact]
    public async Task A_guide_completes_a_task_once_the_same_outcome_replays_and_another_is_refused()
    {
        // given: a guide with two exclusive customers in a campaign
        var kit = new GuideTaskKit(Gateway);
        var (guide, members) = await GuideWithCustomersAsync(kit, 2);
        await kit.CreatedAsync(await kit.SegmentOfAsync(members));
        var token = kit.Data.GuideToken(guide);
        var task = await kit.TaskIdAsync(members[0]);

        // when
        var first = (await kit.CompleteAsync(token, task, "CHATTED_ON_WECOM")).OkData()["completeGuideTask"]!;
        var replay = (await kit.CompleteAsync(token, task, "CHATTED_ON_WECOM")).OkData()["completeGuideTask"]!;
        var other = (await kit.CompleteAsync(token, task, "NO_ANSWER")).OkData()["completeGuideTask"]!;
        var couponOutcome = (await kit.CompleteAsync(token, await kit.TaskIdAsync(members[1]), "COUPON_SENT")).OkData()["completeGuideTask"]!;

        // then
        Assert.Equal(("DONE", "CHATTED_ON_WECOM"), (first["task"]!["status"]!.GetValue<string>(), first["task"]!["outcome"]!.GetValue<string>()));
        Assert.Equal(first["task"]!["doneAt"]!.GetValue<string>(), replay["task"]!["doneAt"]!.GetValue<string>());
        Assert.Empty(replay["errors"]!.AsArray());
        Assert.Equal("GUIDE_TASK_ALREADY_COMPLETED", other["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("INVALID_INPUT", couponOutcome["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal([(members[0], "EXCLUSIVE_GUIDE", "DONE")], await kit.TasksOfAsync(guide, "DONE"));
        Assert.Equal([(members[1], "EXCLUSIVE_GUIDE", "OPEN")], await kit.TasksOfAsync(guide, "OPEN"));
    }

    [Fact]
    public async Task Ten_parallel_sends_of_a_tasks_coupon_issue_one_coupon_and_complete_the_task_once()
    {
        // given: a campaign with a coupon (stock 100, one per member)
        var kit = new GuideTaskKit(Gateway);
        var template = await new CouponKit(Gateway).TemplateAsync();
        var (guide, members) = await GuideWithCustomersAsync(kit, 1);
        await kit.CreatedAsync(await kit.SegmentOfAsync(members), template);
        var task = await kit.TaskIdAsync(members[0]);
        var token = kit.Data.GuideToken(guide);

        // when: ten sends at once
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => kit.SendCouponAsync(token, task)));

        // then: every answer is the done task with the same coupon; one coupon exists, the stock moved by one
        var payloads = answers.Select(a => a.OkData()["sendGuideTaskCoupon"]!).ToList();
        Assert.All(payloads, p => Assert.Empty(p["errors"]!.AsArray()));
        Assert.Single(payloads.Select(p => p["coupon"]!["id"]!.GetValue<string>()).Distinct());
        Assert.All(payloads, p => Assert.Equal("COUPON_SENT", p["task"]!["outcome"]!.GetValue<string>()));
        await using var db = Gateway.Db();
        var templateKey = GuideTaskKit.Key(template);
        Assert.Equal(1, await db.Coupons.CountAsync(c => c.MemberId == members[0] && c.TemplateId == templateKey));
        Assert.Equal(1, await db.CouponTemplates.Where(t => t.Id == templateKey).Select(t => t.Issued).SingleAsync());
    }

    [Fact]
    public async Task A_campaign_without_a_coupon_sends_none()
    {
        var kit = new GuideTaskKit(Gateway);
        var (guide, members) = await GuideWithCustomersAsync(kit, 1);
        await kit.CreatedAsync(await kit.SegmentOfAsync(members));

        var sent = (await kit.SendCouponAsync(kit.Data.GuideToken(guide), await kit.TaskIdAsync(members[0]))).OkData()["sendGuideTaskCoupon"]!;

        Assert.Equal("GUIDE_TASK_HAS_NO_COUPON", sent["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal([(members[0], "EXCLUSIVE_GUIDE", "OPEN")], await kit.TasksOfAsync(guide));
    }

    [Fact]
    public async Task Tasks_past_due_cannot_be_completed_and_the_expiry_job_marks_them_expired()
    {
        // given: two open tasks, one past due
        var kit = new GuideTaskKit(Gateway);
        var (guide, members) = await GuideWithCustomersAsync(kit, 2);
        await kit.CreatedAsync(await kit.SegmentOfAsync(members));
        var late = await kit.TaskIdAsync(members[0]);
        await using (var db = Gateway.Db())
        {
            var key = GuideTaskKit.Key(late);
            await db.GuideTasks.Where(t => t.Id == key).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        // when
        var refused = (await kit.CompleteAsync(kit.Data.GuideToken(guide), late, "NO_ANSWER")).OkData()["completeGuideTask"]!;
        await GuideTaskCampaignTests.RunJobAsync(Gateway, kit, GuideTaskExpiryJob.JobName);

        // then
        Assert.Equal("GUIDE_TASK_EXPIRED", refused["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal([(members[0], "EXCLUSIVE_GUIDE", "EXPIRED")], await kit.TasksOfAsync(guide, "EXPIRED"));
        Assert.Equal([(members[1], "EXCLUSIVE_GUIDE", "OPEN")], await kit.TasksOfAsync(guide, "OPEN"));
    }

    [Fact]
    public async Task TaskAssigned_reaches_the_guide_who_got_tasks_and_no_one_else()
    {
        // given: two guides of one store listening; only the first has customers in the segment
        var kit = new GuideTaskKit(Gateway);
        var (guide, members) = await GuideWithCustomersAsync(kit, 3);
        var bystander = await kit.Data.GuideAsync(guide.StoreId);
        await using var mine = await ConnectAsync(kit.Data.GuideToken(guide));
        await using var theirs = await ConnectAsync(kit.Data.GuideToken(bystander));
        const string subscription = "subscription { taskAssigned { campaign { id } taskId kind count } }";
        await mine.SubscribeListeningAsync("t", subscription);
        await theirs.SubscribeListeningAsync("t", subscription);

        // when
        var campaign = await kit.CreatedAsync(await kit.SegmentOfAsync(members));

        // then: one event with the batch's 3 tasks; nothing for the other guide
        var assigned = (await mine.NextDataAsync("t"))["taskAssigned"]!;
        Assert.Equal((campaign["id"]!.GetValue<string>(), 3, "DORMANT_RECALL"),
            (assigned["campaign"]!["id"]!.GetValue<string>(), assigned["count"]!.GetValue<int>(), assigned["kind"]!.GetValue<string>()));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => theirs.NextDataAsync("t", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_page_of_100_tasks_with_their_members_and_campaigns_takes_the_statements_of_a_page_of_10()
    {
        // given: a guide with 100 tasks of one campaign
        var kit = new GuideTaskKit(Gateway);
        var (guide, members) = await GuideWithCustomersAsync(kit, 100);
        await kit.CreatedAsync(await kit.SegmentOfAsync(members));
        const string page = "query($n: Int) { myGuide { tasks(first: $n) { edges { node { id script campaign { name } member { id displayName } couponTemplate { id } } } } } }";
        var counter = Gateway.Service<MemberGraph.Data.SqlCommandCounter>();

        // when
        var before10 = counter.Count;
        var ten = (await Gateway.GraphQLAsync(page, new { n = 10 }, kit.Data.GuideToken(guide))).OkData();
        var commands10 = counter.Count - before10;
        var before100 = counter.Count;
        var hundred = (await Gateway.GraphQLAsync(page, new { n = 100 }, kit.Data.GuideToken(guide))).OkData();
        var commands100 = counter.Count - before100;

        // then
        Assert.Equal(10, ten["myGuide"]!["tasks"]!["edges"]!.AsArray().Count);
        Assert.Equal(100, hundred["myGuide"]!["tasks"]!["edges"]!.AsArray().Count);
        Assert.Equal(commands10, commands100);
    }

    private static async Task<(MemberGraph.Guides.Guide Guide, long[] Members)> GuideWithCustomersAsync(GuideTaskKit kit, int customers)
    {
        var store = await kit.Data.StoreAsync();
        var guide = await kit.Data.GuideAsync(store.Id);
        var members = new List<long>();
        for (var i = 0; i < customers; i++)
        {
            var member = await kit.Data.MemberAsync($"1390017{TestData.Next():D4}");
            await kit.Data.RelationshipAsync(member.Id, guide.Id);
            members.Add(member.Id);
        }

        return (guide, [.. members]);
    }

    private async Task<GraphQLWebSocketClient> ConnectAsync(string token)
    {
        var client = await GraphQLWebSocketClient.ConnectAsync(Gateway);
        await client.InitAsync(token);
        return client;
    }
}
