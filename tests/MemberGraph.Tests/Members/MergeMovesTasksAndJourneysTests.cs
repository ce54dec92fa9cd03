using MemberGraph.Domain;
using MemberGraph.Guides.Tasks;
using MemberGraph.Members;
using MemberGraph.Operations.Journeys;
using MemberGraph.Tests.Guides.Tasks;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Operations.Journeys;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Members;

/// <summary>
/// mergeMembers and unmergeMember over /graphql with guide tasks and journey enrolments on both members: the absorbed
/// member's rows follow the survivor, a campaign task or an enrolment both members have is kept once (the survivor's;
/// the other is MERGED / SKIPPED MERGED and stays behind), and an unmerge puts every row back as it was.
/// </summary>
public abstract class MergeMovesTasksAndJourneysTests(GatewayHost gateway)
{
    public sealed class OnSqlite(GatewayFixture fixture) : MergeMovesTasksAndJourneysTests(fixture.Gateway), IClassFixture<GatewayFixture>;

    public sealed class OnPostgres(PostgresGatewayFixture fixture) : MergeMovesTasksAndJourneysTests(fixture.Gateway), IClassFixture<PostgresGatewayFixture>;

    private readonly GatewayHost _gateway = gateway;
    private readonly GuideTaskKit _tasks = new(gateway);
    private TestData Data => _tasks.Data;

    /// <summary>The older member (the survivor) and the younger one, each with an exclusive guide of one store.</summary>
    private async Task<(Member Older, Member Younger)> TwoRecordsOfOnePersonAsync()
    {
        var store = await Data.StoreAsync();
        var older = await Data.MemberAsync(null, DateTime.UtcNow.AddDays(-30));
        var younger = await Data.MemberAsync($"137{TestData.Next():00000000}", DateTime.UtcNow.AddDays(-1));
        await Data.RelationshipAsync(older.Id, (await Data.GuideAsync(store.Id)).Id);
        await Data.RelationshipAsync(younger.Id, (await Data.GuideAsync(store.Id)).Id);
        return (older, younger);
    }

    private async Task<string> MergeAsync(Member survivor, Member merged)
    {
        var answer = await _gateway.GraphQLAsync(
            "mutation($input: MergeMembersInput!) { mergeMembers(input: $input) { survivor { id } merges { id moved { kind count } } errors { code } } }",
            new { input = new { memberIds = new[] { GlobalId.Encode("Member", merged.Id), GlobalId.Encode("Member", survivor.Id) }, reason = "same person" } },
            Data.AdminToken());
        var payload = answer.OkData()["mergeMembers"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, answer.Body);
        Assert.Equal(GlobalId.Encode("Member", survivor.Id), payload["survivor"]!["id"]!.GetValue<string>());
        return payload["merges"]![0]!["id"]!.GetValue<string>();
    }

    private async Task UnmergeAsync(string mergeId)
    {
        var answer = await _gateway.GraphQLAsync("mutation($m: ID!) { unmergeMember(input: { mergeId: $m }) { errors { code } } }", new { m = mergeId }, Data.AdminToken());
        Assert.True(answer.OkData()["unmergeMember"]!["errors"]!.AsArray().Count == 0, answer.Body);
    }

    private async Task<List<(long Id, long MemberId, GuideTaskStatus Status)>> TasksAsync(params long[] memberIds)
    {
        await using var db = _gateway.Db();
        var rows = await db.GuideTasks.AsNoTracking().Where(t => memberIds.Contains(t.MemberId)).OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.MemberId, t.Status }).ToListAsync();
        return rows.ConvertAll(t => (t.Id, t.MemberId, t.Status));
    }

    private async Task<List<(long Id, long MemberId, JourneyEnrolmentStatus Status, string? SkipReason)>> EnrolmentsAsync(params long[] memberIds)
    {
        await using var db = _gateway.Db();
        var rows = await db.JourneyEnrolments.AsNoTracking().Where(e => memberIds.Contains(e.MemberId)).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.MemberId, e.Status, e.SkipReason }).ToListAsync();
        return rows.ConvertAll(e => (e.Id, e.MemberId, e.Status, e.SkipReason));
    }

    [Fact]
    public async Task Guide_tasks_follow_the_survivor_and_a_campaign_task_both_had_is_kept_once_until_unmerge()
    {
        // given: campaign "both" gave each member an open task; campaign "younger only" gave the younger one an open task
        var (older, younger) = await TwoRecordsOfOnePersonAsync();
        var both = await _tasks.CreatedAsync(await _tasks.SegmentOfAsync(older.Id, younger.Id));
        var youngerOnly = await _tasks.CreatedAsync(await _tasks.SegmentOfAsync(younger.Id));
        var before = await TasksAsync(older.Id, younger.Id);
        Assert.Equal(3, before.Count);
        Assert.All(before, t => Assert.Equal(GuideTaskStatus.Open, t.Status));

        // when
        var mergeId = await MergeAsync(older, younger);

        // then: the younger member's "younger only" task is the survivor's; its "both" task is MERGED and stays with it
        var after = await TasksAsync(older.Id, younger.Id);
        var bothKey = GuideTaskKit.Key(both["id"]!.GetValue<string>());
        await using (var db = _gateway.Db())
        {
            var byCampaign = await db.GuideTasks.AsNoTracking().Where(t => t.MemberId == older.Id || t.MemberId == younger.Id)
                .Select(t => new { t.CampaignId, t.MemberId, t.Status }).ToListAsync();
            Assert.Single(byCampaign, t => t.CampaignId == bothKey && t.MemberId == older.Id && t.Status == GuideTaskStatus.Open);
            Assert.Single(byCampaign, t => t.CampaignId == bothKey && t.MemberId == younger.Id && t.Status == GuideTaskStatus.Merged);
            Assert.Single(byCampaign, t => t.CampaignId == GuideTaskKit.Key(youngerOnly["id"]!.GetValue<string>()) && t.MemberId == older.Id
                && t.Status == GuideTaskStatus.Open);
        }

        Assert.Equal(before.Select(t => t.Id), after.Select(t => t.Id));

        // then: campaign "both" counts one person, one open task (2 before the merge)
        Assert.Equal((2L, 2L), (both["figures"]!["members"]!.GetValue<long>(), both["figures"]!["open"]!.GetValue<long>()));
        var figures = (await _tasks.CampaignAsync(both["id"]!.GetValue<string>()))["figures"]!;
        Assert.Equal((1L, 1L, 1L), (figures["members"]!.GetValue<long>(), figures["assigned"]!.GetValue<long>(), figures["open"]!.GetValue<long>()));

        // when: the merge is undone
        await UnmergeAsync(mergeId);

        // then: every task is back with its member, open again
        Assert.Equal(before, await TasksAsync(older.Id, younger.Id));
        figures = (await _tasks.CampaignAsync(both["id"]!.GetValue<string>()))["figures"]!;
        Assert.Equal((2L, 2L), (figures["members"]!.GetValue<long>(), figures["open"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Journey_enrolments_follow_the_survivor_and_an_occurrence_both_had_waits_once_until_unmerge()
    {
        // given: a journey; both members enrolled for the same tier occurrence, the younger one also for an order, and an
        // acted enrolment of the younger one (a past touch)
        var (older, younger) = await TwoRecordsOfOnePersonAsync();
        var kit = new JourneyKit(_gateway);
        var journeyId = GlobalId.TryDecode(await kit.DefineAsync(JourneyKit.SecondPurchaseCoupon(
            await kit.Coupons.TemplateAsync(), 60)), "Journey")!.Value;
        var now = DateTime.UtcNow;
        await using (var db = _gateway.Db())
        {
            JourneyEnrolment Enrolment(long memberId, string occurrence, JourneyEnrolmentStatus status) => new()
            {
                JourneyId = journeyId, MemberId = memberId, Occurrence = occurrence, Status = status, EnrolledAt = now, DueAt = now.AddHours(1),
                ActedAt = status == JourneyEnrolmentStatus.Acted ? now : null,
            };

            db.JourneyEnrolments.AddRange(
                Enrolment(older.Id, "tier:2:2026-12-06", JourneyEnrolmentStatus.Waiting),
                Enrolment(younger.Id, "tier:2:2026-12-06", JourneyEnrolmentStatus.Waiting),
                Enrolment(younger.Id, $"order:{TestData.Next()}", JourneyEnrolmentStatus.Waiting),
                Enrolment(younger.Id, $"order:{TestData.Next()}", JourneyEnrolmentStatus.Acted));
            await db.SaveChangesAsync();
        }

        var before = await EnrolmentsAsync(older.Id, younger.Id);

        // when
        var mergeId = await MergeAsync(older, younger);

        // then: the order enrolments (waiting and acted) are the survivor's; the younger one's tier enrolment is SKIPPED MERGED
        var after = await EnrolmentsAsync(older.Id, younger.Id);
        Assert.Equal(
            [
                (before[0].Id, older.Id, JourneyEnrolmentStatus.Waiting, null),
                (before[1].Id, younger.Id, JourneyEnrolmentStatus.Skipped, JourneySkipReasons.Merged),
                (before[2].Id, older.Id, JourneyEnrolmentStatus.Waiting, null),
                (before[3].Id, older.Id, JourneyEnrolmentStatus.Acted, null),
            ],
            after);

        // when: the merge is undone
        await UnmergeAsync(mergeId);

        // then: exactly as before
        Assert.Equal(before, await EnrolmentsAsync(older.Id, younger.Id));
    }
}
