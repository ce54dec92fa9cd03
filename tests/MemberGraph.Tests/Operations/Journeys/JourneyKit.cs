using System.Text.Json.Nodes;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Operations.Journeys;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>The GraphQL documents and builders the journey tests share: journeys, orders and job runs go through /graphql.</summary>
internal sealed class JourneyKit(GatewayHost gateway)
{
    public const string JourneyFields = """
        id name status triggerKind triggerPurchaseNumber waitMinutes conditionExpression conversionWindowDays
        actions { kind couponTemplateId templateId page data { key value } } frequencyCap { maxTouches perDays }
        counts { entered waiting acted skipped failed converted }
        """;

    public const string Define = $$"""
        mutation ($input: DefineJourneyInput!) { defineJourney(input: $input) { journey { {{JourneyFields}} } errors { code message field } } }
        """;

    public const string Activate = "mutation ($id: ID!) { activateJourney(input: { id: $id }) { journey { status } errors { code } } }";

    public const string Pause = "mutation ($id: ID!) { pauseJourney(input: { id: $id }) { journey { status } errors { code } } }";

    public const string Read = $$"""
        query ($id: ID!) {
          journey(id: $id) { {{JourneyFields}} enrolments(first: 100) { totalCount edges { node { id memberId occurrence status skipReason actedAt outcome couponId } } } }
        }
        """;

    private const string RunJob = "mutation { runJob(input: { job: \"journey-advance\", wait: true }) { jobRun { status summary error } errors { code } } }";

    public TestData Data { get; } = new(gateway);

    public CouponKit Coupons { get; } = new(gateway);

    public LoyaltyApi Orders { get; } = new(gateway);

    /// <summary>"Second purchase → a coupon after a wait": the journey the issue asks for.</summary>
    public static Dictionary<string, object?> SecondPurchaseCoupon(string couponTemplateId, int waitMinutes, string? name = null) => new()
    {
        ["name"] = name ?? $"second purchase {TestData.Next()}",
        ["trigger"] = new { kind = "NTH_PURCHASE", purchaseNumber = 2 },
        ["waitMinutes"] = waitMinutes,
        ["actions"] = new object[] { new { kind = "ISSUE_COUPON", couponTemplateId } },
    };

    public async Task<JsonNode> DefinePayloadAsync(object input) =>
        (await gateway.GraphQLAsync(Define, new { input }, Data.AdminToken())).OkData()["defineJourney"]!;

    /// <summary>Defines a journey that must be accepted; returns its id (a draft).</summary>
    public async Task<string> DefineAsync(object input)
    {
        var payload = await DefinePayloadAsync(input);
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload["journey"]!["id"]!.GetValue<string>();
    }

    /// <summary>Defines and activates.</summary>
    public async Task<string> ActiveAsync(object input)
    {
        var id = await DefineAsync(input);
        await SetStatusAsync(Activate, id, "ACTIVE");
        return id;
    }

    public async Task SetStatusAsync(string mutation, string journeyId, string expected)
    {
        var payload = (await gateway.GraphQLAsync(mutation, new { id = journeyId }, Data.AdminToken())).OkData().AsObject().First().Value!;
        Assert.True(payload["journey"]?["status"]?.GetValue<string>() == expected, payload.ToJsonString());
    }

    public async Task<JsonNode> ReadAsync(string journeyId) =>
        (await gateway.GraphQLAsync(Read, new { id = journeyId }, Data.AdminToken())).OkData()["journey"]!;

    public async Task<JsonNode> CountsAsync(string journeyId) => (await ReadAsync(journeyId))["counts"]!;

    public static long Count(JsonNode counts, string name) => counts[name]!.GetValue<long>();

    /// <summary>A member with a phone (which orders name) and a mini-program openid (which messages go to).</summary>
    public async Task<(Member Member, string Phone, string OpenId)> MemberAsync()
    {
        var n = TestData.Next();
        var (phone, openId) = ($"136{n:00000000}", $"oJourney{n:00000}");
        return (await Data.MemberAsync(phone, null, (IdentityChannel.WechatOpenid, openId)), phone, openId);
    }

    /// <summary>Records an order of the member (known by phone) through recordOrder; the same id again is a replay.</summary>
    public async Task<JsonNode> OrderAsync(string phone, string channelOrderId, DateTime paidAt)
    {
        var order = LoyaltyApi.Order(channelOrderId, phone, 5_000, paidAt: paidAt, identities: [new { channel = "PHONE", externalId = phone }]);
        var payload = (await Orders.RecordAsync(order)).OkData()["recordOrder"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload;
    }

    /// <summary>Runs the journey-advance job as an admin and returns its summary.</summary>
    public async Task<JsonNode> RunAsync()
    {
        var run = (await gateway.GraphQLAsync(RunJob, token: Data.AdminToken())).OkData()["runJob"]!;
        Assert.True(run["errors"]!.AsArray().Count == 0 && run["jobRun"]!["status"]!.GetValue<string>() == "SUCCEEDED", run.ToJsonString());
        return JsonNode.Parse(run["jobRun"]!["summary"]!.GetValue<string>())!;
    }

    /// <summary>Coupons of the template the member holds, straight from the database.</summary>
    public async Task<int> CouponsAsync(string templateId, long memberId)
    {
        var key = CouponKit.Key(templateId);
        await using var db = gateway.Db();
        return await db.Coupons.CountAsync(c => c.TemplateId == key && c.MemberId == memberId);
    }

    public async Task<int> IssuedAsync(string templateId) => await Coupons.IssuedAsync(templateId);

    public async Task<List<JourneyEnrolment>> EnrolmentsAsync(string journeyId)
    {
        var key = GlobalId.TryDecode(journeyId, "Journey")!.Value;
        await using var db = gateway.Db();
        return await db.JourneyEnrolments.AsNoTracking().Where(e => e.JourneyId == key).OrderBy(e => e.Id).ToListAsync();
    }
}
