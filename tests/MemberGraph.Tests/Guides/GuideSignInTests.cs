using MemberGraph.Guides;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// signInWithWeCom: the sidebar's OAuth code → auth/getuserinfo (stub) → a guide token. One WeCom gateway for the class:
/// every test maps the codes it uses to guides of its own.
/// </summary>
public sealed class GuideSignInTests(WeComGatewayFixture fixture) : IClassFixture<WeComGatewayFixture>
{
    private const string SignIn = "mutation($code: String!) { signInWithWeCom(input: { code: $code }) { token guide { id name store { code } } errors { code field } } }";

    private readonly WeComTestHost _host = fixture.Host;

    [Fact]
    public async Task An_active_guide_signs_in_and_the_token_reads_myGuide()
    {
        // given
        var store = await _host.Data.StoreAsync();
        var guide = await _host.Data.GuideAsync(store.Id);
        _host.Stub.UserIdsByCode["code-1"] = guide.WeComUserId;

        // when
        var response = await _host.Gateway.GraphQLAsync(SignIn, new { code = "code-1" });

        // then
        var payload = response.OkData()["signInWithWeCom"]!;
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.Equal(store.Code, payload["guide"]!["store"]!["code"]!.GetValue<string>());
        var token = payload["token"]!.GetValue<string>();
        var myGuide = await _host.Gateway.GraphQLAsync("{ myGuide { id guideCode } }", token: token);
        Assert.Equal(guide.GuideCode, myGuide.OkData()["myGuide"]!["guideCode"]!.GetValue<string>());
        Assert.Equal(payload["guide"]!["id"]!.GetValue<string>(), myGuide.OkData()["myGuide"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("used-code", "WECOM_CODE_INVALID")]
    [InlineData("outsider", "NOT_FOUND")]
    [InlineData("corp-member-not-guide", "NOT_FOUND")]
    [InlineData("resigned", "GUIDE_RESIGNED")]
    public async Task Codes_that_do_not_lead_to_an_active_guide_are_refused_with_a_clear_code(string code, string expected)
    {
        var resigned = await _host.Data.GuideAsync((await _host.Data.StoreAsync()).Id);
        await using (var db = _host.Gateway.Db())
        {
            await db.Guides.Where(g => g.Id == resigned.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GuideStatus.Resigned));
        }

        _host.Stub.OpenIdCodes["outsider"] = "oOutsider";
        _host.Stub.UserIdsByCode["corp-member-not-guide"] = "accountant";
        _host.Stub.UserIdsByCode["resigned"] = resigned.WeComUserId;

        var response = await _host.Gateway.GraphQLAsync(SignIn, new { code });

        var payload = response.OkData()["signInWithWeCom"]!;
        Assert.Null(payload["token"]);
        Assert.Equal(expected, payload["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task WeCom_being_down_is_a_user_error_not_a_500()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["WeCom:BaseUrl"] = "http://127.0.0.1:9", ["WeCom:CorpId"] = "ww" });

        var response = await gateway.GraphQLAsync(SignIn, new { code = "any" });

        Assert.Equal(200, response.Status);
        Assert.Equal("WECOM_UNAVAILABLE", response.OkData()["signInWithWeCom"]!["errors"]![0]!["code"]!.GetValue<string>());
    }
}
