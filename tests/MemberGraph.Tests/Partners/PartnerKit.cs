using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Points;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Partners;

/// <summary>A partner as its admin registered it: the global id, the plain key, the client id and the secret shown once.</summary>
internal sealed record RegisteredPartner(string Id, long Key, string ClientId, string Secret);

/// <summary>An answer of POST /oauth/token: status, headers and the JSON body.</summary>
internal sealed record TokenAnswer(int Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, JsonObject Body)
{
    public string? Error => Body["error"]?.GetValue<string>();
    public string AccessToken => Body["access_token"]!.GetValue<string>();
}

/// <summary>What the partner tests share: registering partners, signing them in over real HTTP, consents and lookups through /graphql.</summary>
internal sealed class PartnerKit(GatewayHost gateway)
{
    public const string Register = """
        mutation ($name: String!, $scopes: [PartnerScope!]!) {
          registerPartner(input: { name: $name, scopes: $scopes }) {
            partner { id name clientId scopes status secretVersion createdAt secretRotatedAt } clientSecret errors { code message field }
          }
        }
        """;

    public const string Rotate = """
        mutation ($id: ID!) { rotatePartnerSecret(input: { partnerId: $id }) { partner { id secretVersion } clientSecret errors { code } } }
        """;

    public const string SetStatus = """
        mutation ($id: ID!, $status: PartnerStatus!) {
          setPartnerStatus(input: { partnerId: $id, status: $status }) { partner { id status } errors { code } }
        }
        """;

    public const string Grant = """
        mutation ($id: ID!, $purpose: PartnerConsentPurpose!) {
          grantPartnerConsent(input: { partnerId: $id, purpose: $purpose }) {
            consent { partner { id name } purpose channel grantedAt }
            ledgerEntry { action purpose channel memberId at partner { id } }
            errors { code field }
          }
        }
        """;

    public const string Revoke = """
        mutation ($id: ID!, $purpose: PartnerConsentPurpose!) {
          revokePartnerConsent(input: { partnerId: $id, purpose: $purpose }) {
            consent { purpose } ledgerEntry { action purpose channel memberId at partner { id } } errors { code field }
          }
        }
        """;

    public const string LookupByPhone = "query ($phone: String!) { partnerMemberLookup(phone: $phone) { id displayName purposes } }";

    public const string LookupByCode = "query ($code: String!) { partnerMemberLookup(memberCode: $code) { id displayName purposes } }";

    /// <summary><c>_entities</c> for PartnerMember representations, selecting <paramref name="selection"/> on each.</summary>
    public static string Entities(string selection = "id displayName tierName") => $$"""
        query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on PartnerMember { {{selection}} } } }
        """;

    public static object[] Representations(params string[] pairwiseIds) =>
        pairwiseIds.Select(id => (object)new Dictionary<string, string> { ["__typename"] = "PartnerMember", ["id"] = id }).ToArray();

    public TestData Data { get; } = new(gateway);

    public string AdminToken => Data.AdminToken();

    public async Task<RegisteredPartner> RegisterAsync(params string[] scopes)
    {
        var name = $"合作商场 {TestData.Next()}";
        string[] asked = scopes.Length > 0 ? scopes : ["BENEFITS_READ", "POINTS_EXCHANGE"];
        var answer = await gateway.GraphQLAsync(Register, new { name, scopes = asked }, AdminToken);
        var payload = answer.OkData()["registerPartner"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, answer.Body);
        var id = payload["partner"]!["id"]!.GetValue<string>();
        return new RegisteredPartner(id, global::MemberGraph.Domain.GlobalId.TryDecode(id, "Partner")!.Value,
            payload["partner"]!["clientId"]!.GetValue<string>(), payload["clientSecret"]!.GetValue<string>());
    }

    /// <summary>POST /oauth/token with the given form parameters (repeats allowed) and Authorization header.</summary>
    public async Task<TokenAnswer> TokenRequestAsync(
        IEnumerable<(string Name, string Value)> form, string? authorization = null, HttpMethod? method = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, "/oauth/token")
        {
            Content = content ?? new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await gateway.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new TokenAnswer((int)response.StatusCode, response.Headers, response.Content.Headers, JsonNode.Parse(body)!.AsObject());
    }

    /// <summary>HTTP Basic as RFC 6749 §2.3.1 has it: client id and secret form-encoded, then base64.</summary>
    public static string Basic(string clientId, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}"));

    /// <summary>A partner token by the client-credentials grant with HTTP Basic (optionally narrowed to <paramref name="scope"/>).</summary>
    public async Task<string> TokenAsync(RegisteredPartner partner, string? scope = null)
    {
        var form = new List<(string, string)> { ("grant_type", "client_credentials") };
        if (scope is not null)
        {
            form.Add(("scope", scope));
        }

        var answer = await TokenRequestAsync(form, Basic(partner.ClientId, partner.Secret));
        Assert.True(answer.Status == 200, answer.Body.ToJsonString());
        return answer.AccessToken;
    }

    public async Task<JsonNode> GrantAsync(long memberId, string partnerId, string purpose = "BENEFITS") =>
        await ConsentAsync(Grant, "grantPartnerConsent", memberId, partnerId, purpose);

    public async Task<JsonNode> RevokeAsync(long memberId, string partnerId, string purpose = "BENEFITS") =>
        await ConsentAsync(Revoke, "revokePartnerConsent", memberId, partnerId, purpose);

    public Task<GraphQLResponse> ByPhoneAsync(string partnerToken, string phone) =>
        gateway.GraphQLAsync(LookupByPhone, new { phone }, partnerToken);

    public async Task<GraphQLResponse> ByCodeAsync(string partnerToken, long memberId) =>
        await gateway.GraphQLAsync(LookupByCode, new { code = await MemberCodeAsync(memberId) }, partnerToken);

    /// <summary>The code the member's mini-program shows, asked for with the member's own token.</summary>
    public async Task<string> MemberCodeAsync(long memberId)
    {
        var answer = await gateway.GraphQLAsync("{ me { memberCode { code } } }", token: Data.MemberToken(memberId));
        return answer.OkData()["me"]!["memberCode"]!["code"]!.GetValue<string>();
    }

    /// <summary>A registered member with a unique mainland mobile number.</summary>
    public async Task<(long Id, string Phone)> MemberAsync()
    {
        var phone = $"186{TestData.Next():00000000}";
        var member = await Data.MemberAsync(phone);
        return (member.Id, phone);
    }

    /// <summary>_entities with the partner's token for these pairwise ids.</summary>
    public Task<GraphQLResponse> EntitiesAsync(string partnerToken, string selection, params string[] pairwiseIds) =>
        gateway.GraphQLAsync(Entities(selection), new { representations = Representations(pairwiseIds) }, partnerToken);

    /// <summary>A member consenting to the partner for these purposes (BENEFITS when none are named), and their pairwise id for it.</summary>
    public async Task<(long Member, string Phone, string Pairwise)> ConsentingAsync(RegisteredPartner partner, params string[] purposes)
    {
        var (member, phone) = await MemberAsync();
        foreach (var purpose in purposes.Length > 0 ? purposes : ["BENEFITS"])
        {
            await GrantAsync(member, partner.Id, purpose);
        }

        return (member, phone, await PairwiseIdAsync(member, partner));
    }

    /// <summary>The member's pairwise id for the partner, as stored (what the partner's lookup would answer).</summary>
    public async Task<string> PairwiseIdAsync(long memberId, RegisteredPartner partner)
    {
        await using var db = gateway.Db();
        return await db.PairwiseIdentities.Where(p => p.MemberId == memberId && p.PartnerId == partner.Key).Select(p => p.PairwiseId).SingleAsync();
    }

    /// <summary>A PARTNER coupon template of the partner, defined by an admin: by default 满100减15 (1500 cents off from 10000).</summary>
    public async Task<string> PartnerTemplateAsync(RegisteredPartner partner, Action<Dictionary<string, object?>>? configure = null) =>
        await new CouponKit(gateway).TemplateAsync(t =>
        {
            t["kind"] = "PARTNER";
            t["partnerId"] = partner.Id;
            configure?.Invoke(t);
        });

    /// <summary>The member claims a coupon of the template; returns the coupon as the member sees it (code in full).</summary>
    public Task<JsonNode> ClaimedAsync(string templateId, long memberId) => new CouponKit(gateway).ClaimedAsync(templateId, memberId);

    /// <summary>Gives the member a points account with these totals (written directly: the tests read it, they do not earn it).</summary>
    public async Task PointsAsync(long memberId, long balance, long pending)
    {
        await using var db = gateway.Db();
        db.PointsAccounts.Add(new PointsAccount { MemberId = memberId, Balance = balance, Pending = pending, UpdatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public string PartnerDevToken(long partnerKey, string scope = "benefits:read") =>
        gateway.Token(new TokenSubject(Roles.Partner, PartnerId: partnerKey, Scope: scope));

    private async Task<JsonNode> ConsentAsync(string document, string field, long memberId, string partnerId, string purpose)
    {
        var answer = await gateway.GraphQLAsync(document, new { id = partnerId, purpose }, Data.MemberToken(memberId));
        return answer.OkData()[field]!;
    }
}
