using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides.Tasks;

/// <summary>What the guide-task tests do over HTTP: a segment of chosen members, a campaign over it, a guide's tasks.</summary>
internal sealed class GuideTaskKit(GatewayHost gateway)
{
    public const string CampaignFields =
        "id status figures { members assigned open done expired unassigned skipped completionRate } " +
        "byStore { store { id } figures { assigned done completionRate } } byGuide { guide { id } figures { assigned done completionRate } }";

    public TestData Data { get; } = new(gateway);

    /// <summary>A saved segment holding exactly these members (a fresh manual tag on each).</summary>
    public async Task<string> SegmentOfAsync(params long[] memberIds)
    {
        var tag = await Data.TagAsync();
        foreach (var id in memberIds)
        {
            await Data.TagMemberAsync(id, tag.Id);
        }

        var saved = await gateway.GraphQLAsync("mutation($n: String!, $e: String!) { saveSegment(input: { name: $n, expression: $e }) { segment { id } errors { code } } }",
            new { n = $"tasks-{TestData.Next()}", e = tag.Key }, Data.AdminToken());
        return saved.OkData()["saveSegment"]!["segment"]!["id"]!.GetValue<string>();
    }

    public Task<GraphQLResponse> CreateAsync(string segmentId, string? couponTemplateId = null, int dueInDays = 7, string? token = null) =>
        CreateAsync(Input(segmentId, couponTemplateId, dueInDays), token);

    /// <summary>A campaign input with a fresh name and idempotency key.</summary>
    public static Dictionary<string, object?> Input(string segmentId, string? couponTemplateId = null, int dueInDays = 7) => new()
    {
        ["name"] = $"Campaign {TestData.Next()}", ["kind"] = "DORMANT_RECALL", ["script"] = "Ask how the last box of mangoes was.", ["segmentId"] = segmentId,
        ["couponTemplateId"] = couponTemplateId, ["dueInDays"] = dueInDays, ["idempotencyKey"] = $"campaign-{Guid.NewGuid():N}",
    };

    public Task<GraphQLResponse> CreateAsync(Dictionary<string, object?> input, string? token = null) =>
        gateway.GraphQLAsync(
            $"mutation($input: CreateGuideTaskCampaignInput!) {{ createGuideTaskCampaign(input: $input) {{ campaign {{ {CampaignFields} }} errors {{ code field }} }} }}",
            new { input }, token ?? Data.AdminToken());

    /// <summary>Creates the campaign and answers it (its figures as the admin sees them).</summary>
    public async Task<JsonNode> CreatedAsync(string segmentId, string? couponTemplateId = null, int dueInDays = 7)
    {
        var payload = (await CreateAsync(segmentId, couponTemplateId, dueInDays)).OkData()["createGuideTaskCampaign"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload["campaign"]!;
    }

    public async Task<JsonNode> CampaignAsync(string id, string? token = null) =>
        (await gateway.GraphQLAsync($"query($id: ID!) {{ guideTaskCampaign(id: $id) {{ {CampaignFields} }} }}", new { id }, token ?? Data.AdminToken()))
        .OkData()["guideTaskCampaign"]!;

    /// <summary>The guide's tasks as the guide lists them: (member id, route, status), by task id.</summary>
    public async Task<List<(long MemberId, string Route, string Status)>> TasksOfAsync(Guide guide, string? status = null)
    {
        var answer = await gateway.GraphQLAsync(
            "query($s: GuideTaskStatus) { myGuide { tasks(status: $s, first: 100) { totalCount edges { node { id route status member { id } } } } } }",
            new { s = status }, Data.GuideToken(guide));
        return answer.OkData()["myGuide"]!["tasks"]!["edges"]!.AsArray()
            .Select(e => e!["node"]!)
            .Select(n => (GlobalId.TryDecode(n["member"]!["id"]!.GetValue<string>(), "Member")!.Value, n["route"]!.GetValue<string>(), n["status"]!.GetValue<string>()))
            .ToList();
    }

    public async Task<string> TaskIdAsync(long memberId)
    {
        await using var db = gateway.Db();
        var id = await db.GuideTasks.AsNoTracking().Where(t => t.MemberId == memberId).OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
        return GlobalId.Encode("GuideTask", id);
    }

    public Task<GraphQLResponse> CompleteAsync(string token, string taskId, string outcome) =>
        gateway.GraphQLAsync("mutation($t: ID!, $o: GuideTaskOutcome!) { completeGuideTask(input: { taskId: $t, outcome: $o, note: \"ok\" }) { task { status outcome doneAt } errors { code } } }",
            new { t = taskId, o = outcome }, token);

    public Task<GraphQLResponse> SendCouponAsync(string token, string taskId) =>
        gateway.GraphQLAsync("mutation($t: ID!) { sendGuideTaskCoupon(input: { taskId: $t }) { task { status outcome } coupon { id } errors { code } } }",
            new { t = taskId }, token);

    public async Task WithdrawOutreachAsync(long memberId)
    {
        foreach (var granted in new[] { true, false })
        {
            var answer = await gateway.GraphQLAsync("mutation($g: Boolean!) { recordGuideOutreachConsent(input: { granted: $g }) { errors { code } } }",
                new { g = granted }, Data.MemberToken(memberId));
            Assert.True(answer.OkData()["recordGuideOutreachConsent"]!["errors"]!.AsArray().Count == 0, answer.Body);
        }
    }

    public async Task EraseAsync(long memberId)
    {
        await using var db = gateway.Db();
        await db.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Erased));
    }

    public async Task ResignAsync(long guideId)
    {
        await using var db = gateway.Db();
        await db.Guides.Where(g => g.Id == guideId).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GuideStatus.Resigned).SetProperty(g => g.ResignedAt, DateTime.UtcNow));
    }

    public static string Id(string type, long key) => GlobalId.Encode(type, key);

    public static long Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);
}
