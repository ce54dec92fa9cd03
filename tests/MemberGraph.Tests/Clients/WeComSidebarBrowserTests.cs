using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemberGraph.Auth;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Seeding;
using MemberGraph.Tencent.Sandbox;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Clients;

/// <summary>
/// clients/wecom-sidebar in headless Chromium: a sandboxed demo MemberGraph on a loopback port, the app's serve.mjs in
/// front of it, and tests/sidebar.spec.mjs driving Debian's chromium through playwright-core with only the WeCom JS-SDK
/// faked (getCurExternalContact answers a demo customer of the guide signing in with the sandbox's OAuth code). The
/// script asserts the card, tagging, the commission moving on screen after an order recorded with the guide's code,
/// the socket reconnecting, a refused coupon showing the gateway's message, the empty and the sign-in error states, and
/// takes the screenshots of clients/wecom-sidebar/screenshots; here the JS-SDK signatures the page got are checked
/// against the sandbox's tickets.
/// </summary>
public sealed class WeComSidebarBrowserTests(WeComSidebarFixture sidebar) : IClassFixture<WeComSidebarFixture>
{
    [Fact]
    public async Task The_guide_sees_the_customer_in_the_chat_tags_them_and_watches_the_commission_move()
    {
        // given: a demo guide and one of their WeCom customers, as demo-accounts lists them
        var guide = sidebar.Guide;
        var screenshots = ClientScreenshots.Folder(WeComSidebarFixture.ClientDir);
        var environment = new Dictionary<string, string>
        {
            ["SCREENSHOT_DIR"] = screenshots,
            ["SIDEBAR_URL"] = sidebar.SidebarUrl,
            ["MEMBERGRAPH_URL"] = sidebar.MemberGraph.BaseAddress.ToString(),
            ["GUIDE_OAUTH_CODE"] = $"sandbox:{guide.WeComUserId}",
            ["GUIDE_CODE"] = guide.GuideCode,
            ["STORE_ID"] = guide.StoreId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EXTERNAL_USER_ID"] = guide.CustomerExternalUserIds[0],
            ["COLLEAGUE_CUSTOMER_EXTERNAL_USER_ID"] = sidebar.ColleagueCustomerExternalUserId,
            ["INGESTION_TOKEN"] = sidebar.MemberGraph.Token(new TokenSubject(Roles.Ingestion, Scope: "channel:POS")),
            ["CHROMIUM_PATH"] = WeComSidebarFixture.Chromium,
        };

        // when
        await using var spec = NodeScript.StartIn(WeComSidebarFixture.ClientDir, environment, "tests/sidebar.spec.mjs");
        var steps = new List<JsonObject>();
        JsonObject done;
        while (true)
        {
            var line = await spec.NextTextLineAsync(TimeSpan.FromSeconds(180));
            var record = JsonNode.Parse(line)!.AsObject();
            steps.Add(record);
            if (record["done"] is not null)
            {
                done = record;
                break;
            }
        }

        // then
        Assert.Equal(0, await spec.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        string[] expected = ["card", "tagged", "untagged", "commission", "reconnected", "refused", "colleague's customer", "not a member", "sign-in refused"];
        Assert.Equal(expected, steps.Where(s => s["step"] is not null).Select(s => s["step"]!.GetValue<string>()).Where(expected.Contains));
        Assert.Equal("COUPON_LIMIT_REACHED", steps.Single(s => s["step"]?.GetValue<string>() == "refused")["code"]!.GetValue<string>());
        var commission = steps.Single(s => s["step"]?.GetValue<string>() == "commission");
        Assert.NotEqual(commission["before"]!.GetValue<long>(), commission["after"]!.GetValue<long>());
        Assert.DoesNotContain(steps, s => s["pageerror"] is not null);

        // ww.register got signatures of the page's own URL that verify with the sandbox's tickets
        var signatures = done["signatures"]!;
        var url = signatures["url"]!.GetValue<string>();
        Assert.StartsWith(sidebar.SidebarUrl.TrimEnd('/'), url);
        Assert.DoesNotContain("code=", url);
        var sandbox = sidebar.MemberGraph.Service<WeComSandbox>();
        AssertSigned(sandbox.JsApiTicket!, url, signatures["config"]!);
        AssertSigned(sandbox.AgentConfigTicket!, url, signatures["agentConfig"]!);

        foreach (var shot in new[] { "card", "tagged", "commission", "coupon-refused", "colleague-customer", "not-a-member", "sign-in-refused" })
        {
            Assert.True(File.Exists(Path.Combine(screenshots, $"{shot}.png")), $"screenshot {shot}.png was not taken");
        }
    }

    private static void AssertSigned(string ticket, string url, JsonNode signature) =>
        Assert.Equal(
            WeComJsSdkSigning.Sign(ticket, signature["nonceStr"]!.GetValue<string>(), signature["timestamp"]!.GetValue<long>(), url),
            signature["signature"]!.GetValue<string>());
}

/// <summary>
/// A sandboxed demo MemberGraph and clients/wecom-sidebar's serve.mjs in front of it (a free port, read from its
/// "ready at" line), plus the demo guide with the most WeCom customers.
/// </summary>
public sealed class WeComSidebarFixture : IAsyncLifetime
{
    public static readonly string ClientDir = Path.Combine(RepositoryRoot.Path, "clients", "wecom-sidebar");

    /// <summary>CHROMIUM_PATH, else Debian's chromium (scripts/test.sh installs it when missing).</summary>
    public static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly Regex Ready = new(@"^wecom-sidebar ready at (\S+)");

    private NodeScript? _server;

    public GatewayHost MemberGraph { get; private set; } = null!;

    public DemoGuideAccount Guide { get; private set; } = null!;

    public string SidebarUrl { get; private set; } = "";

    /// <summary>A customer of another guide of <see cref="Guide"/>'s store and not of that guide: the reduced card.</summary>
    public string ColleagueCustomerExternalUserId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"No chromium at {Chromium}: run `bash scripts/test.sh` (it installs Debian's chromium) or set CHROMIUM_PATH.");
        await NpmPackages.EnsureInstalledAsync(ClientDir, "playwright-core", "@wecom/jssdk");
        MemberGraph = await GatewayHost.StartAsync(SandboxDemoFixture.Settings);
        var guides = (await MemberGraph.Service<DemoAccounts>().ListAsync(5, CancellationToken.None)).Guides;
        Guide = guides.First(g => g.CustomerExternalUserIds.Count > 0);
        ColleagueCustomerExternalUserId = await ColleagueCustomerAsync();

        _server = NodeScript.StartIn(ClientDir, new Dictionary<string, string>
        {
            ["MEMBERGRAPH_URL"] = MemberGraph.BaseAddress.ToString(),
            ["PORT"] = "0",
            ["HOST"] = "127.0.0.1",
        }, "serve.mjs");
        var ready = Ready.Match(await _server.NextTextLineAsync(TimeSpan.FromSeconds(30)));
        Assert.True(ready.Success, "serve.mjs did not say where it listens");
        SidebarUrl = ready.Groups[1].Value;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (MemberGraph is not null)
        {
            await MemberGraph.DisposeAsync();
        }
    }

    /// <summary>A demo customer of a store colleague of the guide (none of the guide's own), or one made for the test.</summary>
    private async Task<string> ColleagueCustomerAsync()
    {
        await using var db = MemberGraph.Db();
        var guideId = Guide.GuideId;
        var colleagues = db.Guides.Where(g => g.StoreId == Guide.StoreId && g.Id != guideId && g.Status == GuideStatus.Active).Select(g => g.Id);
        var found = await db.Identities
            .Where(i => i.Channel == IdentityChannel.WecomExternalUserid
                        && db.GuideRelationships.Any(r => r.MemberId == i.MemberId && r.EndedAt == null && colleagues.Contains(r.GuideId))
                        && !db.GuideRelationships.Any(r => r.MemberId == i.MemberId && r.EndedAt == null && r.GuideId == guideId))
            .OrderBy(i => i.Id).Select(i => i.ExternalId).FirstOrDefaultAsync();
        if (found is not null)
        {
            return found;
        }

        var data = new TestData(MemberGraph);
        var externalUserId = $"wmSidebarColleague{Guid.NewGuid():N}"[..32];
        var member = await data.MemberAsync(identities: (IdentityChannel.WecomExternalUserid, externalUserId));
        await data.RelationshipAsync(member.Id, await colleagues.FirstAsync());
        return externalUserId;
    }

}
