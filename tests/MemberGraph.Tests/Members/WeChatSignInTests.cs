using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MemberGraph.Tests.Members.SignInSteps;

namespace MemberGraph.Tests.Members;

/// <summary>
/// signInWithWeChat against the WeChat stub. One stub and gateway for the class: every test signs in openids of its own
/// and counts the stub's calls before and after; tests of an unreachable or slow platform start their own.
/// </summary>
public abstract class WeChatSignInTests(WeChatGatewayFixture fixture)
{
    public sealed class OnSqlite(WeChatGatewayFixture fixture) : WeChatSignInTests(fixture), IClassFixture<WeChatGatewayFixture>;

    public sealed class OnPostgres(PostgresWeChatGatewayFixture fixture) : WeChatSignInTests(fixture), IClassFixture<PostgresWeChatGatewayFixture>;

    private readonly WeChatStub _wechat = fixture.WeChat;
    private readonly GatewayHost _gateway = fixture.Gateway;

    [Fact]
    public async Task A_first_sign_in_creates_a_member_with_its_openid_and_a_working_token()
    {
        // given
        var openId = NewId("oNew");

        // when
        var payload = await SignInAsync(_gateway, _wechat.LoginCode(openId));

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        var member = payload["member"]!;
        Assert.True(member["channelStatus"]!["authorizedMiniProgram"]!.GetValue<bool>());
        Assert.False(member["channelStatus"]!["registered"]!.GetValue<bool>());
        var identity = Assert.Single(member["identities"]!.AsArray());
        Assert.Equal("WECHAT_OPENID", identity!["channel"]!.GetValue<string>());
        Assert.Equal(openId, identity["externalId"]!.GetValue<string>());
        Assert.True(payload["expiresAt"]!.GetValue<DateTime>() > DateTime.UtcNow.AddDays(1));

        var me = await _gateway.GraphQLAsync("{ me { id } }", token: payload["token"]!.GetValue<string>());
        Assert.Equal(member["id"]!.GetValue<string>(), me.OkData()["me"]!["id"]!.GetValue<string>());

        await using var db = _gateway.Db();
        var id = MemberKey(member);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Operation == "createMember" && a.Target == $"Member:{id}"));
    }

    [Fact]
    public async Task A_second_sign_in_with_the_same_openid_finds_the_same_member()
    {
        // given
        var openId = NewId("oAgain");
        var (first, _) = await SignedInAsync(_gateway, _wechat.LoginCode(openId));

        // when
        var (second, _) = await SignedInAsync(_gateway, _wechat.LoginCode(openId));

        // then
        Assert.Equal(first, second);
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.Identities.CountAsync(i => i.ExternalId == openId));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Target == $"Member:{first}"));
    }

    [Fact]
    public async Task A_unionid_is_linked_and_then_finds_the_member_from_another_openid()
    {
        // given: a sign-in without unionid, then one that brings it
        var openId = NewId("oUnion");
        var unionId = NewId("uUnion");
        var (member, _) = await SignedInAsync(_gateway, _wechat.LoginCode(openId));
        var (withUnion, _) = await SignedInAsync(_gateway, _wechat.LoginCode(openId, unionId));

        // when: the same person arrives with another app's openid under the same open-platform account
        var otherOpenId = NewId("oOther");
        var (fromOtherApp, _) = await SignedInAsync(_gateway, _wechat.LoginCode(otherOpenId, unionId));

        // then
        Assert.Equal(member, withUnion);
        Assert.Equal(member, fromOtherApp);
        await using var db = _gateway.Db();
        var identities = await db.Identities.Where(i => i.MemberId == member).Select(i => i.ExternalId).ToListAsync();
        Assert.Equal(new[] { openId, unionId, otherOpenId }.Order(), identities.Order());
    }

    [Theory]
    [InlineData(40029, "WECHAT_CODE_INVALID", 1)]
    [InlineData(40163, "WECHAT_CODE_USED", 1)]
    [InlineData(40226, "WECHAT_RISK_CONTROL", 1)]
    [InlineData(40013, "WECHAT_UNAVAILABLE", 1)]
    [InlineData(45011, "WECHAT_RATE_LIMITED", 3)]
    [InlineData(-1, "WECHAT_BUSY", 3)]
    public async Task Each_platform_errcode_becomes_its_user_error_and_busy_answers_are_retried_a_bounded_number_of_times(int errcode, string expected, int expectedCalls)
    {
        // given: the platform answers this errcode as often as the gateway may ask (a further attempt would succeed)
        _wechat.FailNext(WeChatStub.Code2Session, errcode, times: expectedCalls);
        var before = _wechat.Calls(WeChatStub.Code2Session);

        // when
        var payload = await SignInAsync(_gateway, _wechat.LoginCode(NewId("oErr")));

        // then
        Assert.Equal(expected, FirstErrorCode(payload));
        Assert.Null(payload["token"]);
        Assert.Null(payload["member"]);
        Assert.Equal(expectedCalls, _wechat.Calls(WeChatStub.Code2Session) - before);
    }

    [Fact]
    public async Task A_reused_code_is_refused_as_used_on_the_code_field()
    {
        // given
        var code = _wechat.LoginCode(NewId("oReuse"));
        await SignedInAsync(_gateway, code);

        // when
        var payload = await SignInAsync(_gateway, code);

        // then
        Assert.Equal("WECHAT_CODE_USED", FirstErrorCode(payload));
        Assert.Equal("code", payload["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(45011)]
    public async Task A_busy_or_rate_limited_answer_is_retried_and_the_retry_signs_in(int errcode)
    {
        // given
        _wechat.FailNext(WeChatStub.Code2Session, errcode);
        var before = _wechat.Calls(WeChatStub.Code2Session);
        var openId = NewId("oRetry");

        // when
        var payload = await SignInAsync(_gateway, _wechat.LoginCode(openId));

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.NotNull(payload["token"]);
        Assert.Equal(2, _wechat.Calls(WeChatStub.Code2Session) - before);
    }

    [Fact]
    public async Task Parallel_sign_ins_of_the_same_new_openid_create_exactly_one_member()
    {
        // given
        var openId = NewId("oRace");
        var codes = Enumerable.Range(0, 20).Select(_ => _wechat.LoginCode(openId)).ToList();

        // when
        var results = await Task.WhenAll(codes.Select(code => SignedInAsync(_gateway, code)));

        // then
        Assert.Single(results.Select(r => r.MemberId).Distinct());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.Identities.CountAsync(i => i.ExternalId == openId));
        Assert.Equal(1, await db.Members.CountAsync(m => m.Identities.Any(i => i.ExternalId == openId)));
    }

    [Fact]
    public async Task Neither_the_app_secret_nor_the_session_key_is_logged()
    {
        // given: a retried sign-in (which logs) and a refused one
        _wechat.FailNext(WeChatStub.Code2Session, -1);
        await SignedInAsync(_gateway, _wechat.LoginCode(NewId("oLog")));
        await SignInAsync(_gateway, "not-a-code");

        // when
        var lines = _gateway.Logs.Lines.ToList();

        // then
        Assert.Contains(lines, l => l.Contains("errcode -1"));
        Assert.DoesNotContain(lines, l => l.Contains(WeChatStub.AppSecret) || l.Contains(WeChatStub.SessionKeyPrefix));
    }

    [Fact]
    public async Task An_unreachable_platform_is_a_user_error_not_a_server_error()
    {
        // given: nothing listens on the configured port
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["WeChat:BaseUrl"] = "http://127.0.0.1:9" });

        // when
        var response = await gateway.GraphQLAsync(SignIn, new { code = "any" });

        // then
        Assert.Equal(200, response.Status);
        Assert.Equal("WECHAT_UNAVAILABLE", FirstErrorCode(response.OkData()["signInWithWeChat"]!));
    }

    [Fact]
    public async Task A_platform_slower_than_the_timeout_is_a_user_error_not_a_server_error()
    {
        // given
        await using var slow = await WeChatStub.StartAsync();
        slow.Delay = TimeSpan.FromSeconds(3);
        await using var gateway = await GatewayHost.StartAsync(slow.Settings(timeout: TimeSpan.FromMilliseconds(300)));

        // when
        var response = await gateway.GraphQLAsync(SignIn, new { code = slow.LoginCode(NewId("oSlow")) });

        // then
        Assert.Equal(200, response.Status);
        Assert.Equal("WECHAT_UNAVAILABLE", FirstErrorCode(response.OkData()["signInWithWeChat"]!));
        await using var db = gateway.Db();
        Assert.Equal(0, await db.Members.CountAsync());
    }
}
