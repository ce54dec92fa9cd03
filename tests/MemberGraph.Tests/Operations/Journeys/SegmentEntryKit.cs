using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.Tags;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>A manual tag, a saved segment of that tag, tagging through /graphql and tagging runs: what segment-entry tests move members with.</summary>
internal sealed class SegmentEntryKit(GatewayHost gateway, JourneyKit kit)
{
    private const string Change = "mutation($input: TagMemberInput!) { %OP%(input: $input) { errors { code message } } }";

    public TagDefinition Tag { get; private set; } = null!;

    public string SegmentId { get; private set; } = "";

    /// <summary>A new manual tag and a saved segment "has that tag".</summary>
    public async Task SegmentAsync()
    {
        Tag = await kit.Data.TagAsync();
        var saved = await gateway.GraphQLAsync("mutation($n: String!, $e: String!) { saveSegment(input: { name: $n, expression: $e }) { segment { id } errors { code } } }",
            new { n = $"entry-{TestData.Next()}", e = Tag.Key }, kit.Data.AdminToken());
        SegmentId = saved.OkData()["saveSegment"]!["segment"]!["id"]!.GetValue<string>();
    }

    /// <summary>An ENTERED_SEGMENT journey on the segment that issues a coupon of the template at once.</summary>
    public Dictionary<string, object?> CouponOnEntry(string couponTemplateId) => new()
    {
        ["name"] = $"entered {TestData.Next()}",
        ["trigger"] = new { kind = "ENTERED_SEGMENT", segmentId = SegmentId },
        ["actions"] = new object[] { new { kind = "ISSUE_COUPON", couponTemplateId } },
    };

    public Task TagAsync(long memberId) => ChangeAsync("tagMember", memberId);

    public Task UntagAsync(long memberId) => ChangeAsync("untagMember", memberId);

    /// <summary>runTagging (INCREMENTAL, waiting for it) as an admin; returns the finished JobRun.</summary>
    public async Task<JsonNode> RunTaggingAsync()
    {
        var payload = (await gateway.GraphQLAsync(
            "mutation { runTagging(input: { mode: INCREMENTAL, wait: true }) { jobRun { status summary error } errors { code } } }",
            token: kit.Data.AdminToken())).OkData()["runTagging"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload["jobRun"]!;
    }

    /// <summary>A tagging run that must succeed; returns its summary's figures.</summary>
    public async Task<JsonNode> RunTaggingOkAsync()
    {
        var run = await RunTaggingAsync();
        Assert.True(run["status"]!.GetValue<string>() == "SUCCEEDED", run.ToJsonString());
        return JsonNode.Parse(run["summary"]!.GetValue<string>())!["figures"]!;
    }

    private async Task ChangeAsync(string operation, long memberId)
    {
        var input = new { key = Tag.Key, memberId = GlobalId.Encode("Member", memberId) };
        var payload = (await gateway.GraphQLAsync(Change.Replace("%OP%", operation), new { input }, kit.Data.AdminToken())).OkData()[operation]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
    }
}
