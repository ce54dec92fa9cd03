using System.Diagnostics;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Hosting;

/// <summary>The CLI verbs people use by hand: dev-token, demo-accounts, wecom-event (the built binary as its own process).</summary>
public sealed class CliForPeopleTests
{
    [Theory]
    [InlineData("member", new string[0], "--member-id")]
    [InlineData("guide", new[] { "--store-id", "1" }, "--guide-id")]
    [InlineData("guide", new[] { "--guide-id", "1" }, "--store-id")]
    [InlineData("staff", new string[0], "--store-id")]
    [InlineData("partner", new[] { "--scope", "benefits:read" }, "--partner-id")]
    [InlineData("partner", new[] { "--partner-id", "1" }, "--scope")]
    [InlineData("ingestion", new string[0], "--scope")]
    public async Task Dev_token_refuses_a_role_without_the_ids_it_needs(string role, string[] given, string missing)
    {
        // given
        var folder = ApiProcess.TempFolder();
        try
        {
            // when
            var result = await ApiProcess.RunAsync(["dev-token", "--role", role, .. given], new Dictionary<string, string> { ["MemberGraph__DataDir"] = folder });

            // then
            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.StdOut);
            Assert.Contains($"A {role} token needs {missing}", result.StdErr);
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task Dev_token_answers_without_touching_the_database()
    {
        // given: an empty data folder, and a SQL Server that does not exist (reaching it would fail the command)
        var folder = ApiProcess.TempFolder();
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["MemberGraph__DataDir"] = folder,
                ["ConnectionStrings__Sql"] = "Server=127.0.0.1,1;Database=MemberGraph;User Id=sa;Password=x;Connect Timeout=30;TrustServerCertificate=true",
            };

            // when
            var clock = Stopwatch.StartNew();
            var result = await ApiProcess.RunAsync(["dev-token", "--role", "admin"], environment);
            clock.Stop();

            // then: a token, no database file, and a generous bound (a start of the gateway with migrations takes far longer)
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(3, result.StdOut.Trim().Split('.').Length);
            Assert.Equal(["dev-signing-key.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"dev-token took {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task Demo_accounts_lists_people_to_try_with_the_commands_for_their_tokens()
    {
        // given: a seeded demo, and one guide's customer known on WeCom
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["MemberGraph:SeedDemoData"] = "true", ["MemberGraph:DemoMembers"] = "40" });
        Guide guide;
        (long Id, string OpenId) member;
        long storeId;
        await using (var db = gateway.Db())
        {
            guide = await db.Guides.AsNoTracking().Where(g => g.Status == GuideStatus.Active).OrderBy(g => g.Id).FirstAsync();
            var openId = await db.Identities.AsNoTracking().Where(i => i.Channel == IdentityChannel.WechatOpenid && i.Member!.Status == MemberStatus.Active)
                .OrderBy(i => i.MemberId).FirstAsync();
            member = (openId.MemberId, openId.ExternalId);
            storeId = await db.Stores.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        }

        var external = WeComTestHost.ExternalUserId();
        var customer = await new TestData(gateway).MemberAsync(identities: (IdentityChannel.WecomExternalUserid, external));
        await new TestData(gateway).RelationshipAsync(customer.Id, guide.Id);

        // when: sandboxed like `dotnet run`
        var result = await ApiProcess.RunAsync(["demo-accounts"], new Dictionary<string, string>
        {
            ["MemberGraph__DataDir"] = gateway.DataDir,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        });

        // then
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdOut.Split('\n');
        Assert.Contains(lines, l => l.Contains(member.OpenId) && l.Contains($"dev-token --role member --member-id {member.Id})"));
        Assert.Contains(lines, l => l.Contains(guide.WeComUserId) && l.Contains(external) && l.Contains($"dev-token --role guide --guide-id {guide.Id} --store-id {guide.StoreId})"));
        Assert.Contains(lines, l => l.Contains($"dev-token --role staff --store-id {storeId})"));
        Assert.Contains(lines, l => l.Contains("dev-token --role admin)"));
        Assert.Contains($"\"sandbox:{member.OpenId}\"", result.StdOut);
        Assert.Contains($"\"sandbox:{guide.WeComUserId}\"", result.StdOut);
        Assert.Contains($"wecom-event add-contact --guide {guide.GuideCode}", result.StdOut);
        Assert.Contains(lines, l => l.Contains("demo-mixc") && l.Contains("万象城"));
        Assert.Contains(lines, l => l.Contains("demo-intime") && l.Contains("银泰百货"));
        Assert.Contains("curl -s -u demo-mixc:sandbox-mixc-secret -d grant_type=client_credentials", result.StdOut);
        Assert.DoesNotContain("Now listening", result.StdOut + result.StdErr);
    }

    [Fact]
    public async Task Demo_accounts_without_a_database_says_so_and_creates_none()
    {
        // given
        var folder = ApiProcess.TempFolder();
        try
        {
            // when
            var result = await ApiProcess.RunAsync(["demo-accounts"], new Dictionary<string, string> { ["MemberGraph__DataDir"] = folder });

            // then
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("start the gateway once", result.StdErr);
            Assert.False(File.Exists(Path.Combine(folder, "membergraph.db")));
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task Wecom_event_add_contact_with_the_sandbox_secrets_binds_the_customer_and_fires_customerBound()
    {
        // given: a sandboxed gateway with no WeCom secrets configured, a guide listening to customerBound
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Tencent:Sandbox"] = "true",
            ["WeCom:BaseUrl"] = null,
        });
        var data = new TestData(gateway);
        var guide = await data.GuideAsync((await data.StoreAsync()).Id);
        await using var client = await GraphQLWebSocketClient.ConnectAsync(gateway);
        await client.InitAsync(data.GuideToken(guide));
        await client.SubscribeListeningAsync("b", "subscription { customerBound { source member { id displayName } } }");
        var external = WeComTestHost.ExternalUserId();

        // when
        var result = await ApiProcess.RunAsync(
            ["wecom-event", "add-contact", "--guide", guide.GuideCode, "--external-user", external, "--url", new Uri(gateway.BaseAddress, "/wecom/callback").ToString()],
            new Dictionary<string, string> { ["MemberGraph__DataDir"] = gateway.DataDir, ["Tencent__Sandbox"] = "true", ["ASPNETCORE_ENVIRONMENT"] = "Development" });

        // then
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("HTTP 200 success", result.StdOut);
        var bound = (await client.NextDataAsync("b"))["customerBound"]!;
        Assert.Equal("WECOM_ADD_CONTACT", bound["source"]!.GetValue<string>());
        Assert.Equal($"客户{external[^4..]}", bound["member"]!["displayName"]!.GetValue<string>());
        await using var db = gateway.Db();
        Assert.True(await db.Identities.AnyAsync(i => i.Channel == IdentityChannel.WecomExternalUserid && i.ExternalId == external));
    }

    [Fact]
    public async Task Wecom_event_for_an_unknown_guide_exits_1_and_sends_nothing()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["environment"] = "Development", ["Tencent:Sandbox"] = "true" });

        // when
        var result = await ApiProcess.RunAsync(["wecom-event", "add-contact", "--guide", "NOPE", "--external-user", "wmNobody"],
            new Dictionary<string, string> { ["MemberGraph__DataDir"] = gateway.DataDir, ["Tencent__Sandbox"] = "true", ["ASPNETCORE_ENVIRONMENT"] = "Development" });

        // then
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No guide with code or WeCom user id 'NOPE'", result.StdErr);
    }
}
