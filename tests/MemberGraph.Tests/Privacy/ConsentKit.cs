using System.Text.Json.Nodes;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Privacy;

/// <summary>The GraphQL documents and builders the consent and access-log tests share: every change goes through /graphql.</summary>
internal sealed class ConsentKit(GatewayHost gateway)
{
    public const string LedgerFields = "memberId purpose templateId partner { id } action channel at";

    public const string ConsentsFields = $$"""
        guideOutreach subscribeMessages { templateId purpose remaining lastAcceptedAt } partners { partner { id } purpose }
        ledger(first: 20) { totalCount edges { node { {{LedgerFields}} } } }
        """;

    public const string RecordSubscribe = $$"""
        mutation ($results: [SubscribeMessageResultInput!]!) {
          recordSubscribeMessageConsent(input: { results: $results }) {
            consents { {{ConsentsFields}} } ledgerEntries { {{LedgerFields}} } errors { code message field }
          }
        }
        """;

    public const string RecordOutreach = $$"""
        mutation ($granted: Boolean!) {
          recordGuideOutreachConsent(input: { granted: $granted }) {
            consents { {{ConsentsFields}} } ledgerEntries { {{LedgerFields}} } errors { code message field }
          }
        }
        """;

    public const string MemberConsents = $$"""query ($id: ID!) { member(id: $id) { consents { {{ConsentsFields}} } } }""";

    public const string MyConsents = $$"""{ me { consents { {{ConsentsFields}} } } }""";

    public TestData Data { get; } = new(gateway);

    /// <summary>A member with a phone and a mini-program openid (whom subscribe messages reach).</summary>
    public async Task<(Member Member, string OpenId)> MemberAsync()
    {
        var n = TestData.Next();
        var openId = $"oPrivacy{n:00000}";
        var member = await Data.MemberAsync($"139{n:00000000}", null, (IdentityChannel.WechatOpenid, openId));
        return (member, openId);
    }

    /// <summary>Records what wx.requestSubscribeMessage answered, as the member; returns the payload.</summary>
    public async Task<JsonNode> SubscribeAsync(long memberId, params (string TemplateId, bool Accepted)[] results)
    {
        var answer = await gateway.GraphQLAsync(RecordSubscribe,
            new { results = results.Select(r => new { templateId = r.TemplateId, accepted = r.Accepted }).ToArray() }, Data.MemberToken(memberId));
        return answer.OkData()["recordSubscribeMessageConsent"]!;
    }

    public async Task<JsonNode> OutreachAsync(long memberId, bool granted) =>
        (await gateway.GraphQLAsync(RecordOutreach, new { granted }, Data.MemberToken(memberId))).OkData()["recordGuideOutreachConsent"]!;

    /// <summary>The member's consents as an admin reads them.</summary>
    public async Task<JsonNode> ConsentsAsync(long memberId) =>
        (await gateway.GraphQLAsync(MemberConsents, new { id = Id(memberId) }, Data.AdminToken())).OkData()["member"]!["consents"]!;

    /// <summary>Acceptances left of <paramref name="templateId"/> (0 when the template is not listed).</summary>
    public async Task<int> RemainingAsync(long memberId, string templateId) =>
        (await ConsentsAsync(memberId))["subscribeMessages"]!.AsArray()
            .Where(s => s!["templateId"]!.GetValue<string>() == templateId)
            .Select(s => s!["remaining"]!.GetValue<int>())
            .SingleOrDefault();

    /// <summary>The member's consent ledger, newest first, as (purpose, action, channel, scope) — scope the template id or the partner id.</summary>
    public static List<(string Purpose, string Action, string Channel, string? Scope)> Ledger(JsonNode consents) =>
        LedgerOf(new JsonArray([.. consents["ledger"]!["edges"]!.AsArray().Select(e => e!["node"]!.DeepClone())]));

    /// <summary>A list of ledger entries (a payload's ledgerEntries) as (purpose, action, channel, scope).</summary>
    public static List<(string Purpose, string Action, string Channel, string? Scope)> LedgerOf(JsonNode entries) =>
        entries.AsArray().Select(n => (
            n!["purpose"]!.GetValue<string>(), n["action"]!.GetValue<string>(), n["channel"]!.GetValue<string>(),
            n["templateId"]?.GetValue<string>() ?? n["partner"]?["id"]?.GetValue<string>())).ToList();

    public static string Id(long memberId) => MemberGraph.Domain.GlobalId.Encode("Member", memberId);
}
