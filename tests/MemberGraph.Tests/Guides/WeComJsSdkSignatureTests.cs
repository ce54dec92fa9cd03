using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Tencent.Sandbox;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// weComJsSdkSignature(url:): what the sidebar page's ww.register needs. On a sandboxed demo gateway the signatures verify
/// with the tickets the sandbox handed out; against the WeCom stub, tickets are fetched once and cached, a refused or
/// unreachable ticket API is a clear error, and only guides may ask.
/// </summary>
public sealed class WeComJsSdkSignatureTests(SandboxDemoFixture demo) : IClassFixture<SandboxDemoFixture>
{
    private const string Everything = """
        query($url: String!) { weComJsSdkSignature(url: $url) {
          corpId agentId url config { timestamp nonceStr signature } agentConfig { timestamp nonceStr signature } } }
        """;

    [Fact]
    public async Task A_guides_signatures_verify_with_the_sandboxs_corp_and_app_tickets()
    {
        // given
        var gateway = demo.Gateway;
        var token = await GuideTokenAsync(gateway);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // when
        var answer = await gateway.GraphQLAsync(Everything, new { url = "http://127.0.0.1:5090/?contact=wm123#/card" }, token);

        // then
        var signed = answer.OkData()["weComJsSdkSignature"]!;
        Assert.Equal(SandboxSecrets.WeComCorpId, signed["corpId"]!.GetValue<string>());
        Assert.Equal(SandboxSecrets.WeComAgentId, signed["agentId"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:5090/?contact=wm123", signed["url"]!.GetValue<string>());
        var sandbox = gateway.Service<WeComSandbox>();
        AssertSignedWith(sandbox.JsApiTicket!, "http://127.0.0.1:5090/?contact=wm123", signed["config"]!, before);
        AssertSignedWith(sandbox.AgentConfigTicket!, "http://127.0.0.1:5090/?contact=wm123", signed["agentConfig"]!, before);
        Assert.NotEqual(signed["config"]!["signature"]!.GetValue<string>(), signed["agentConfig"]!["signature"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_answer_has_a_fresh_nonce()
    {
        var token = await GuideTokenAsync(demo.Gateway);
        const string nonce = "query($url: String!) { weComJsSdkSignature(url: $url) { config { nonceStr } } }";

        var first = await demo.Gateway.GraphQLAsync(nonce, new { url = "https://sidebar.example.com/" }, token);
        var second = await demo.Gateway.GraphQLAsync(nonce, new { url = "https://sidebar.example.com/" }, token);

        Assert.NotEqual(
            first.OkData()["weComJsSdkSignature"]!["config"]!["nonceStr"]!.GetValue<string>(),
            second.OkData()["weComJsSdkSignature"]!["config"]!["nonceStr"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("member", "AUTH_NOT_AUTHORIZED")]
    [InlineData("staff", "AUTH_NOT_AUTHORIZED")]
    [InlineData("admin", "AUTH_NOT_AUTHORIZED")]
    [InlineData("partner", "AUTH_NOT_AUTHORIZED")]
    [InlineData("ingestion", "AUTH_NOT_AUTHORIZED")]
    [InlineData("anonymous", "AUTH_NOT_AUTHENTICATED")]
    public async Task Only_guides_may_ask(string caller, string code)
    {
        var gateway = demo.Gateway;
        var token = caller switch
        {
            "member" => gateway.Token(new TokenSubject(Roles.Member, MemberId: 1)),
            "staff" => gateway.Token(new TokenSubject(Roles.Staff, StoreId: 1)),
            "admin" => gateway.Token(new TokenSubject(Roles.Admin)),
            "partner" => gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1, Scope: "benefits:read")),
            "ingestion" => gateway.Token(new TokenSubject(Roles.Ingestion, Scope: "channel:POS")),
            _ => null,
        };

        var answer = await gateway.GraphQLAsync(Everything, new { url = "https://sidebar.example.com/" }, token);

        Assert.Equal(code, answer.FirstErrorCode);
        Assert.Null(answer.Data?["weComJsSdkSignature"]);
    }

    [Theory]
    [InlineData("/relative")]
    [InlineData("ftp://sidebar.example.com/")]
    [InlineData("")]
    public async Task A_url_that_is_not_a_pages_is_bad_input(string url)
    {
        var answer = await demo.Gateway.GraphQLAsync(Everything, new { url }, await GuideTokenAsync(demo.Gateway));

        Assert.Equal("BAD_USER_INPUT", answer.FirstErrorCode);
    }

    [Fact]
    public async Task Tickets_are_fetched_once_and_only_the_ones_selected()
    {
        // given: a gateway of its own on the stub, which counts calls
        await using var host = await WeComTestHost.StartAsync();
        var guide = await host.Data.GuideAsync((await host.Data.StoreAsync()).Id);
        var token = host.Data.GuideToken(guide);
        const string corpOnly = "query($url: String!) { weComJsSdkSignature(url: $url) { corpId agentId config { signature } } }";

        // when
        var first = await host.Gateway.GraphQLAsync(corpOnly, new { url = "https://sidebar.example.com/a" }, token);
        var second = await host.Gateway.GraphQLAsync(corpOnly, new { url = "https://sidebar.example.com/b" }, token);
        var both = await host.Gateway.GraphQLAsync(Everything, new { url = "https://sidebar.example.com/c" }, token);
        var again = await host.Gateway.GraphQLAsync(Everything, new { url = "https://sidebar.example.com/d" }, token);

        // then
        Assert.Equal(WeComTestHost.CorpId, first.OkData()["weComJsSdkSignature"]!["corpId"]!.GetValue<string>());
        Assert.Null(first.OkData()["weComJsSdkSignature"]!["agentId"]); // WeCom:AgentId is not configured on this host
        second.OkData();
        both.OkData();
        again.OkData();
        Assert.Equal(1, host.Stub.Calls("get_jsapi_ticket"));
        Assert.Equal(1, host.Stub.Calls("ticket/get"));
        Assert.Equal("agent_config", host.Stub.CallsTo("ticket/get").Single().Param("type"));
    }

    [Fact]
    public async Task A_ticket_WeCom_refuses_is_WECOM_REJECTED_and_one_it_cannot_give_WECOM_UNAVAILABLE()
    {
        await using var host = await WeComTestHost.StartAsync();
        var guide = await host.Data.GuideAsync((await host.Data.StoreAsync()).Id);
        var token = host.Data.GuideToken(guide);
        host.Stub.On("get_jsapi_ticket", _ => new { errcode = 48002, errmsg = "api forbidden" });
        host.Stub.On("ticket/get", _ => null); // HTTP 502

        var refused = await host.Gateway.GraphQLAsync("query { weComJsSdkSignature(url: \"https://s.example/\") { config { signature } } }", token: token);
        var unavailable = await host.Gateway.GraphQLAsync("query { weComJsSdkSignature(url: \"https://s.example/\") { agentConfig { signature } } }", token: token);

        Assert.Equal("WECOM_REJECTED", refused.FirstErrorCode);
        Assert.Contains("48002", refused.Errors![0]!["message"]!.GetValue<string>());
        Assert.Equal("WECOM_UNAVAILABLE", unavailable.FirstErrorCode);
    }

    private static async Task<string> GuideTokenAsync(GatewayHost gateway)
    {
        var answer = await gateway.GraphQLAsync("mutation { signInWithWeCom(input: { code: \"sandbox:guide0001\" }) { token errors { code } } }");
        return answer.OkData()["signInWithWeCom"]!["token"]!.GetValue<string>();
    }

    private static void AssertSignedWith(string ticket, string url, JsonNode signature, long notBefore)
    {
        var timestamp = signature["timestamp"]!.GetValue<long>();
        var nonce = signature["nonceStr"]!.GetValue<string>();
        Assert.InRange(timestamp, notBefore - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Matches("^[A-Za-z0-9]{16}$", nonce);
        Assert.Equal(WeComJsSdkSigning.Sign(ticket, nonce, timestamp, url), signature["signature"]!.GetValue<string>());
    }
}
