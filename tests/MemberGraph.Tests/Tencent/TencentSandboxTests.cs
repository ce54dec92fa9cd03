using System.Text.Json.Nodes;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tencent.Sandbox;
using MemberGraph.Tencent.WeChat;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static MemberGraph.Tests.Members.SignInSteps;

namespace MemberGraph.Tests.Tencent;

/// <summary>
/// A demo-like gateway (demo data seeded on SQLite, nothing about Tencent configured) signs people in through its own
/// sandbox: no stub server, no network beyond itself. One such gateway for the class: tests sign in as seeded people
/// (again and again, as sandbox codes allow) and make their own new members.
/// </summary>
public sealed class TencentSandboxTests(SandboxDemoFixture fixture) : IClassFixture<SandboxDemoFixture>
{
    private const string WeComSignIn = "mutation($code: String!) { signInWithWeCom(input: { code: $code }) { token guide { id } errors { code field } } }";

    private readonly GatewayHost _gateway = fixture.Gateway;

    [Fact]
    public void The_demo_gateway_is_sandboxed_and_calls_itself_with_the_sandbox_credentials()
    {
        Assert.True(_gateway.Service<TencentSandboxMode>().Enabled);
        var self = _gateway.Service<SandboxSelfAddress>();
        Assert.Equal(new Uri(_gateway.BaseAddress, "/sandbox/tencent/wechat/").ToString(), self.WeChatBaseUrl);
        Assert.Equal(new Uri(_gateway.BaseAddress, "/sandbox/tencent/wecom/").ToString(), self.WeComBaseUrl);
        Assert.Equal(SandboxSecrets.WeChatAppId, _gateway.Service<IOptions<WeChatOptions>>().Value.AppId);
        Assert.Equal(SandboxSecrets.WeComEncodingAesKey, _gateway.Service<IOptions<WeComOptions>>().Value.EncodingAesKey);
    }

    [Fact]
    public async Task SignInWithWeChat_with_a_sandbox_code_signs_in_as_the_demo_member_with_that_openid()
    {
        // given: a seeded member with a mini-program openid
        Identity demo;
        await using (var db = _gateway.Db())
        {
            demo = await db.Identities.AsNoTracking().Where(i => i.Channel == IdentityChannel.WechatOpenid).OrderBy(i => i.MemberId).FirstAsync();
        }

        // when: the same code twice (sandbox codes can be used again)
        var (first, token) = await SignedInAsync(_gateway, $"sandbox:{demo.ExternalId}");
        var (second, _) = await SignedInAsync(_gateway, $"sandbox:{demo.ExternalId}");

        // then
        Assert.Equal(demo.MemberId, first);
        Assert.Equal(demo.MemberId, second);
        Assert.Equal(demo.MemberId, MemberKey((await _gateway.GraphQLAsync("{ me { id } }", token: token)).OkData()["me"]!));
    }

    [Fact]
    public async Task BindPhone_with_a_sandbox_phone_code_registers_a_new_member_with_that_number()
    {
        // given
        var (member, token) = await SignedInAsync(_gateway, $"sandbox:{NewId("oSandbox")}:{NewId("uSandbox")}");

        // when
        var payload = await BindPhoneAsync(_gateway, token, "sandbox:13700001234");

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.Equal(member, MemberKey(payload["member"]!));
        Assert.Equal("13700001234", payload["member"]!["phone"]!.GetValue<string>());
        Assert.True(payload["member"]!["channelStatus"]!["registered"]!.GetValue<bool>());
        Assert.Contains(payload["member"]!["identities"]!.AsArray(), i => i!["channel"]!.GetValue<string>() == "WECHAT_UNIONID");
    }

    [Fact]
    public async Task SignInWithWeCom_with_a_sandbox_code_signs_in_the_demo_guide_with_that_wecom_userid()
    {
        // given
        Guide guide;
        await using (var db = _gateway.Db())
        {
            guide = await db.Guides.AsNoTracking().Where(g => g.Status == GuideStatus.Active).OrderBy(g => g.Id).FirstAsync();
        }

        // when
        var response = await _gateway.GraphQLAsync(WeComSignIn, new { code = $"sandbox:{guide.WeComUserId}" });

        // then
        var payload = response.OkData()["signInWithWeCom"]!;
        Assert.Empty(payload["errors"]!.AsArray());
        var myGuide = await _gateway.GraphQLAsync("{ myGuide { guideCode } }", token: payload["token"]!.GetValue<string>());
        Assert.Equal(guide.GuideCode, myGuide.OkData()["myGuide"]!["guideCode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("signInWithWeChat", "not-a-sandbox-code", "WECHAT_CODE_INVALID")]
    [InlineData("signInWithWeChat", "sandbox:", "WECHAT_CODE_INVALID")]
    [InlineData("bindPhone", "sandbox:not-digits", "WECHAT_CODE_INVALID")]
    [InlineData("signInWithWeCom", "not-a-sandbox-code", "WECOM_CODE_INVALID")]
    public async Task An_unknown_code_is_the_platforms_40029_surfaced_as_the_real_failure_would_be(string mutation, string code, string expected)
    {
        // given
        var token = mutation == "bindPhone" ? (await SignedInAsync(_gateway, $"sandbox:{NewId("oBad")}")).Token : null;

        // when
        var payload = mutation switch
        {
            "signInWithWeChat" => await SignInAsync(_gateway, code),
            "bindPhone" => await BindPhoneAsync(_gateway, token!, code),
            _ => (await _gateway.GraphQLAsync(WeComSignIn, new { code })).OkData()["signInWithWeCom"]!,
        };

        // then
        Assert.Equal(expected, FirstErrorCode(payload));
    }

    [Fact]
    public async Task ExternalContact_get_answers_from_the_gateways_own_members()
    {
        // given: a member known by a WeCom external user id and a unionid
        var external = WeComTestHost.ExternalUserId();
        var member = await new TestData(_gateway).MemberAsync(identities: [(IdentityChannel.WecomExternalUserid, external), (IdentityChannel.WechatUnionid, "uKnown0001")]);
        var token = (await GetJsonAsync($"/sandbox/tencent/wecom/cgi-bin/gettoken?corpid={SandboxSecrets.WeComCorpId}&corpsecret={SandboxSecrets.WeComAgentSecret}"))["access_token"]!.GetValue<string>();

        // when
        var known = await GetJsonAsync($"/sandbox/tencent/wecom/cgi-bin/externalcontact/get?access_token={token}&external_userid={external}");
        var unknown = await GetJsonAsync($"/sandbox/tencent/wecom/cgi-bin/externalcontact/get?access_token={token}&external_userid=wmNobody1234");
        var invalid = await GetJsonAsync($"/sandbox/tencent/wecom/cgi-bin/externalcontact/get?access_token={token}&external_userid=nobody");
        var staleToken = await GetJsonAsync($"/sandbox/tencent/wecom/cgi-bin/externalcontact/get?access_token=forged&external_userid={external}");

        // then
        Assert.Equal(0, known["errcode"]!.GetValue<int>());
        Assert.Equal(member.DisplayName, known["external_contact"]!["name"]!.GetValue<string>());
        Assert.Equal("uKnown0001", known["external_contact"]!["unionid"]!.GetValue<string>());
        Assert.Equal("客户1234", unknown["external_contact"]!["name"]!.GetValue<string>());
        Assert.Equal(DatabaseSandboxContacts.UnionIdOf("wmNobody1234"), unknown["external_contact"]!["unionid"]!.GetValue<string>());
        Assert.Equal(40096, invalid["errcode"]!.GetValue<int>());
        Assert.Equal(42001, staleToken["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_new_external_contact_bridges_to_the_member_holding_the_sandbox_unionid_of_that_id()
    {
        // given: a member seeded with the unionid the sandbox gives a new external user id, and a demo guide
        var external = WeComTestHost.ExternalUserId();
        var member = await new TestData(_gateway).MemberAsync(identities: (IdentityChannel.WechatUnionid, DatabaseSandboxContacts.UnionIdOf(external)));
        Guide guide;
        await using (var db = _gateway.Db())
        {
            guide = await db.Guides.AsNoTracking().Where(g => g.Status == GuideStatus.Active).OrderByDescending(g => g.Id).FirstAsync();
        }

        // when: WeCom (signed with the sandbox's secrets) says the id added the guide through the guide's QR code
        var crypto = new WeComCrypto(SandboxSecrets.WeComToken, SandboxSecrets.WeComEncodingAesKey, SandboxSecrets.WeComCorpId);
        var xml = WeComTestHost.ContactEventXml(WeComContactEvent.AddExternalContact, guide.WeComUserId, external, WeComTestHost.NextCreateTime(), guide.GuideCode)
            .Replace(WeComTestHost.CorpId, SandboxSecrets.WeComCorpId, StringComparison.Ordinal);
        var encrypted = crypto.Encrypt(xml);
        var (timestamp, nonce) = (DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), WeComTestHost.RandomNonce());
        using var content = new StringContent($"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>", System.Text.Encoding.UTF8, "text/xml");
        using var response = await _gateway.Http.PostAsync($"/wecom/callback?msg_signature={crypto.Signature(timestamp, nonce, encrypted)}&timestamp={timestamp}&nonce={nonce}", content);

        // then
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        await using var check = _gateway.Db();
        Assert.True(await check.Identities.AnyAsync(i => i.Channel == IdentityChannel.WecomExternalUserid && i.ExternalId == external && i.MemberId == member.Id));
        Assert.True(await check.GuideRelationships.AnyAsync(r => r.MemberId == member.Id && r.GuideId == guide.Id && r.EndedAt == null));
    }

    private async Task<JsonNode> GetJsonAsync(string path) => JsonNode.Parse(await _gateway.Http.GetStringAsync(path))!;
}
