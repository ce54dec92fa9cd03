using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MemberGraph.Tests.Hosting;

/// <summary>The CLI of the gateway binary, run as its own process and configured by environment variables.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Dev_token_for_a_guide_carries_the_guide_and_store_and_the_running_gateway_accepts_it()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        var data = new TestData(gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);

        // when: ids given as a global id and as a plain key
        var result = await ApiProcess.RunAsync(
            ["dev-token", "--role", "guide", "--guide-id", GlobalId.Encode("Guide", guide.Id), "--store-id", store.Id.ToString()],
            SameConfigurationAs(gateway));

        // then
        Assert.Equal(0, result.ExitCode);
        var token = result.StdOut.Trim();
        Assert.Equal(3, token.Split('.').Length);
        var caller = await ValidateAsGatewayAsync(gateway, token);
        Assert.Equal(Roles.Guide, caller.Role);
        Assert.Equal(guide.Id, caller.GuideId);
        Assert.Equal(store.Id, caller.StoreId);

        var me = await gateway.GraphQLAsync("{ me { id } }", token: token);
        Assert.Equal("AUTH_NOT_AUTHORIZED", me.FirstErrorCode); // authenticated as a guide, not refused as anonymous
    }

    [Fact]
    public async Task Dev_token_for_a_member_answers_me_on_the_running_gateway()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        var member = await new TestData(gateway).MemberAsync(phone: "13900001111");

        // when
        var result = await ApiProcess.RunAsync(["dev-token", "--role", "member", "--member-id", member.Id.ToString()], SameConfigurationAs(gateway));
        var me = await gateway.GraphQLAsync("{ me { id phone } }", token: result.StdOut.Trim());

        // then
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(GlobalId.Encode("Member", member.Id), me.OkData()["me"]!["id"]!.GetValue<string>());
        Assert.Equal("13900001111", me.OkData()["me"]!["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dev_token_with_an_unknown_role_exits_2_with_the_usage()
    {
        // given
        var folder = ApiProcess.TempFolder();
        try
        {
            // when
            var result = await ApiProcess.RunAsync(["dev-token", "--role", "boss"], new Dictionary<string, string> { ["MemberGraph__DataDir"] = folder });

            // then
            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.StdOut);
            Assert.Contains("Unknown role 'boss'", result.StdErr);
            Assert.Contains("usage:", result.StdErr);
            Assert.Contains("dev-token --role <member|guide|staff|partner|admin|ingestion>", result.StdErr);
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task Dev_token_living_longer_than_the_gateway_accepts_exits_2_instead_of_printing_a_token_it_would_refuse()
    {
        // given
        var folder = ApiProcess.TempFolder();
        try
        {
            // when: 31 days, beyond the default Auth:MaxTokenLifetime of 30
            var result = await ApiProcess.RunAsync(["dev-token", "--role", "admin", "--hours", "744"], new Dictionary<string, string> { ["MemberGraph__DataDir"] = folder });

            // then
            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.StdOut);
            Assert.Contains("Auth:MaxTokenLifetime", result.StdErr);
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task Print_schema_prints_exactly_what_the_schema_printer_prints()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        var expected = SchemaPrinter.Print(gateway.Service<MemberGraphSchema>());

        // when
        var result = await ApiProcess.RunAsync(["print-schema"], SameConfigurationAs(gateway));

        // then
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.StdOut);
    }

    [Fact]
    public async Task Seed_creates_the_members_with_a_progress_display_and_the_same_people_every_time()
    {
        // given: two fresh data folders
        var first = ApiProcess.TempFolder();
        var second = ApiProcess.TempFolder();
        try
        {
            // when
            var run1 = await ApiProcess.RunAsync(["seed", "--members", "500"], new Dictionary<string, string> { ["MemberGraph__DataDir"] = first });
            var run2 = await ApiProcess.RunAsync(["seed", "--members", "500"], new Dictionary<string, string> { ["MemberGraph__DataDir"] = second });

            // then
            Assert.Equal(0, run1.ExitCode);
            Assert.Contains("Seeded 500 members", run1.StdOut);
            Assert.Contains("members", run1.StdErr);
            Assert.Contains("500/500", run1.StdErr);
            Assert.Contains('\r', run1.StdErr); // one line redrawn in place, not a line per batch
            Assert.Equal(0, run2.ExitCode);

            var (members1, identities1) = await ReadPeopleAsync(first);
            var (members2, identities2) = await ReadPeopleAsync(second);
            Assert.Equal(500, members1.Count);
            Assert.True(identities1.Count > 500, $"expected several identities per member, got {identities1.Count}");
            Assert.Equal(members1, members2);
            Assert.Equal(identities1, identities2);
        }
        finally
        {
            ApiProcess.DeleteFolder(first);
            ApiProcess.DeleteFolder(second);
        }
    }

    /// <summary>The CLI configured like the gateway: its data folder and its signing key.</summary>
    private static Dictionary<string, string> SameConfigurationAs(GatewayHost gateway) => new()
    {
        ["MemberGraph__DataDir"] = gateway.DataDir,
        ["Auth__SigningKey"] = GatewayHost.SigningKey,
    };

    /// <summary>Validates the token with the gateway's own JWT bearer settings and reads the caller from it as the gateway does.</summary>
    private static async Task<Caller> ValidateAsGatewayAsync(GatewayHost gateway, string token)
    {
        var jwt = gateway.Service<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var validated = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, jwt.TokenValidationParameters);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        return Caller.From(new System.Security.Claims.ClaimsPrincipal(validated.ClaimsIdentity));
    }

    private static async Task<(List<string> Members, List<string> Identities)> ReadPeopleAsync(string dataDir)
    {
        var options = new DbContextOptionsBuilder<SqliteMemberGraphDb>().UseSqlite($"Data Source={Path.Combine(dataDir, "membergraph.db")}").Options;
        await using var db = new SqliteMemberGraphDb(options);
        var members = await db.Members.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Id + "|" + m.DisplayName + "|" + m.Phone + "|" + m.Birthday).ToListAsync();
        var identities = await db.Identities.AsNoTracking().OrderBy(i => i.Id).Select(i => i.MemberId + "|" + i.Channel + "|" + i.ExternalId).ToListAsync();
        return (members, identities);
    }
}
