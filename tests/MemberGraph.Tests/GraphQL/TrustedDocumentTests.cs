using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL.TrustedDocuments;
using MemberGraph.Hosting;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// <c>GraphQL:TrustedDocumentsOnly</c>: the apps' callers (member, guide and staff tokens, and requests without one) run only
/// documents of the manifest — named by <c>documentId</c> or APQ's hash, or sent as the identical text — over HTTP and the
/// WebSocket; admin, ingestion and partner tokens send any document. The manifest here is a temporary file
/// (<c>GraphQL:TrustedDocumentsPath</c>).
/// </summary>
public sealed class TrustedDocumentTests : IAsyncLifetime
{
    private const string MemberCard = "query MyCard { me { id displayName } }";
    private const string GuideCard = "query MyGuide {\n  myGuide { id name }\n}\n";
    private const string StoreGuides = "query StoreGuides { guides(first: 5) { totalCount } }";
    private const string Unlisted = "{ __typename }";

    private readonly string _manifest = Path.Combine(Path.GetTempPath(), $"membergraph-trusted-{Guid.NewGuid():N}.json");
    private GatewayHost _gateway = null!;
    private Tokens _tokens = null!;

    public async Task InitializeAsync()
    {
        var documents = new[] { MemberCard, GuideCard, StoreGuides }.ToDictionary(TrustedDocumentManifest.Id, d => d);
        await File.WriteAllTextAsync(_manifest, TrustedDocumentManifest.Write(documents));
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["GraphQL:TrustedDocumentsOnly"] = "true",
            ["GraphQL:TrustedDocumentsPath"] = _manifest,
        });
        _tokens = await Tokens.ForAsync(_gateway);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        File.Delete(_manifest);
    }

    [Fact]
    public async Task Listed_documents_run_by_document_id_by_apq_hash_and_by_identical_text()
    {
        // given
        var memberCard = TrustedDocumentManifest.Id(MemberCard);

        // when
        var byId = await PostAsync(new { documentId = memberCard }, _tokens.Member);
        var byApqHash = await PostAsync(new { extensions = new { persistedQuery = new { version = 1, sha256Hash = memberCard["sha256:".Length..] } } }, _tokens.Member);
        var byText = await _gateway.GraphQLAsync(MemberCard, token: _tokens.Member);
        var byIdOverGet = await GetAsync($"documentId={Uri.EscapeDataString(memberCard)}", _tokens.Member);
        var guide = await PostAsync(new { documentId = TrustedDocumentManifest.Id(GuideCard) }, _tokens.Guide);
        var staff = await _gateway.GraphQLAsync(StoreGuides, token: _tokens.Staff);

        // then
        foreach (var answer in new[] { byId, byApqHash, byText, byIdOverGet })
        {
            Assert.Equal(_tokens.MemberId, answer.OkData()["me"]!["id"]!.GetValue<string>());
        }

        Assert.Equal(_tokens.GuideId, guide.OkData()["myGuide"]!["id"]!.GetValue<string>());
        Assert.Equal(1, staff.OkData()["guides"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unlisted_document_is_refused_for_members_guides_staff_and_callers_without_a_token()
    {
        // given: texts that are not listed, one of them a listed document with one more space
        var almost = MemberCard.Replace("{ me", "{  me", StringComparison.Ordinal);

        // when
        var answers = new[]
        {
            await _gateway.GraphQLAsync(Unlisted, token: _tokens.Member),
            await _gateway.GraphQLAsync(almost, token: _tokens.Member),
            await _gateway.GraphQLAsync("{ myGuide { id } }", token: _tokens.Guide),
            await _gateway.GraphQLAsync("{ guides(first: 1) { totalCount } }", token: _tokens.Staff),
            await _gateway.GraphQLAsync(Unlisted),
        };
        var plainJson = await _gateway.GraphQLAsync(Unlisted, token: _tokens.Member, accept: "application/json");

        // then: a request error — 400 without data for application/graphql-response+json, 200 for application/json
        Assert.All(answers, a =>
        {
            Assert.Equal(400, a.Status);
            Assert.Equal("TRUSTED_DOCUMENT_REQUIRED", a.FirstErrorCode);
            Assert.False(a.Json.ContainsKey("data"));
        });
        Assert.Equal(200, plainJson.Status);
        Assert.Equal("TRUSTED_DOCUMENT_REQUIRED", plainJson.FirstErrorCode);
    }

    [Fact]
    public async Task Admins_integrations_and_partners_may_send_any_document()
    {
        // when
        var admin = await _gateway.GraphQLAsync("{ guides(first: 1) { totalCount } }", token: _tokens.Admin);
        var ingestion = await _gateway.GraphQLAsync(Unlisted, token: _gateway.Token(new TokenSubject(Roles.Ingestion)));
        var partner = await _gateway.GraphQLAsync(Unlisted, token: _gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1, Scope: "benefits:read")));

        // then
        Assert.True(admin.OkData()["guides"]!["totalCount"]!.GetValue<int>() >= 1);
        Assert.Equal("Query", ingestion.OkData()["__typename"]!.GetValue<string>());
        Assert.Equal("Query", partner.OkData()["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_id_and_an_id_sent_with_another_text_are_refused_with_their_codes()
    {
        // given
        var unknown = TrustedDocumentManifest.Id(Unlisted);

        // when
        var byUnknownId = await PostAsync(new { documentId = unknown }, _tokens.Admin);
        var byUnknownApqHash = await PostAsync(new { extensions = new { persistedQuery = new { version = 1, sha256Hash = unknown["sha256:".Length..] } } }, _tokens.Member);
        var mismatch = await PostAsync(new { documentId = TrustedDocumentManifest.Id(MemberCard), query = Unlisted }, _tokens.Member);
        var apqWithItsText = await PostAsync(new { query = Unlisted, extensions = new { persistedQuery = new { version = 1, sha256Hash = unknown["sha256:".Length..] } } }, _tokens.Admin);

        // then: the admin may send the text with its (unlisted) hash, as an APQ client does after PERSISTED_QUERY_NOT_FOUND
        Assert.Equal((400, "PERSISTED_QUERY_NOT_FOUND"), (byUnknownId.Status, byUnknownId.FirstErrorCode));
        Assert.Equal((400, "PERSISTED_QUERY_NOT_FOUND"), (byUnknownApqHash.Status, byUnknownApqHash.FirstErrorCode));
        Assert.Equal((400, "TRUSTED_DOCUMENT_MISMATCH"), (mismatch.Status, mismatch.FirstErrorCode));
        Assert.Equal("Query", apqWithItsText.OkData()["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Over_the_websocket_listed_documents_run_and_unlisted_ones_are_refused_for_members()
    {
        // given
        await using var member = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await member.InitAsync(_tokens.Member);
        await using var admin = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await admin.InitAsync(_tokens.Admin);

        // when / then: by id, by text, an unlisted text (an error message; the connection stays open), an admin's unlisted text
        await member.SendAsync(new { id = "1", type = "subscribe", payload = new { documentId = TrustedDocumentManifest.Id(MemberCard) } });
        Assert.Equal(_tokens.MemberId, (await member.NextDataAsync("1"))["me"]!["id"]!.GetValue<string>());
        Assert.Equal("complete", (await member.ReceiveAsync())!["type"]!.GetValue<string>());

        await member.SubscribeAsync("2", MemberCard);
        Assert.Equal(_tokens.MemberId, (await member.NextDataAsync("2"))["me"]!["id"]!.GetValue<string>());
        Assert.Equal("complete", (await member.ReceiveAsync())!["type"]!.GetValue<string>());

        await member.SubscribeAsync("3", Unlisted);
        var refused = (await member.ReceiveAsync())!;
        Assert.Equal(("error", "3"), (refused["type"]!.GetValue<string>(), refused["id"]!.GetValue<string>()));
        Assert.Equal("TRUSTED_DOCUMENT_REQUIRED", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());

        await member.SubscribeAsync("4", MemberCard);
        Assert.Equal(_tokens.MemberId, (await member.NextDataAsync("4"))["me"]!["id"]!.GetValue<string>());

        await admin.SubscribeAsync("1", Unlisted);
        Assert.Equal("Query", (await admin.NextDataAsync("1"))["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_the_switch_off_anything_runs_and_listed_ids_still_resolve()
    {
        // given
        await using var open = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["GraphQL:TrustedDocumentsPath"] = _manifest });
        var tokens = await Tokens.ForAsync(open);

        // when
        var unlisted = await open.GraphQLAsync("{ me { id } }", token: tokens.Member);
        var anonymous = await open.GraphQLAsync(Unlisted);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { documentId = TrustedDocumentManifest.Id(MemberCard) }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Member);
        var byId = JsonNode.Parse(await (await open.Http.SendAsync(request)).Content.ReadAsStringAsync())!;

        // then
        Assert.Equal(tokens.MemberId, unlisted.OkData()["me"]!["id"]!.GetValue<string>());
        Assert.Equal("Query", anonymous.OkData()["__typename"]!.GetValue<string>());
        Assert.Equal(tokens.MemberId, byId["data"]!["me"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_switch_without_a_usable_manifest_stops_the_start()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["GraphQL:TrustedDocumentsOnly"] = "true",
            ["GraphQL:TrustedDocumentsPath"] = _manifest + ".missing",
        });

        // when
        var starts = await StartupCheck.PassesAsync(gateway.Services);
        var answer = await gateway.GraphQLAsync(Unlisted);

        // then: the host would exit; a gateway started anyway runs nothing for the apps
        Assert.False(starts);
        Assert.Equal("TRUSTED_DOCUMENT_REQUIRED", answer.FirstErrorCode);
    }

    private async Task<GraphQLResponse> PostAsync(object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _gateway.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, JsonNode.Parse(text)!.AsObject(), text);
    }

    private async Task<GraphQLResponse> GetAsync(string queryString, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?" + queryString);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _gateway.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, JsonNode.Parse(text)!.AsObject(), text);
    }

    /// <summary>A member, a guide of a store with its staff, and an admin, with their tokens and global ids.</summary>
    private sealed record Tokens(string Member, string MemberId, string Guide, string GuideId, string Staff, string Admin)
    {
        public static async Task<Tokens> ForAsync(GatewayHost gateway)
        {
            var data = new TestData(gateway);
            var member = await data.MemberAsync();
            var store = await data.StoreAsync();
            var guide = await data.GuideAsync(store.Id);
            return new Tokens(data.MemberToken(member.Id), GlobalId.Encode("Member", member.Id), data.GuideToken(guide),
                GlobalId.Encode("Guide", guide.Id), data.StaffToken(store.Id), data.AdminToken());
        }
    }
}
