using MemberGraph.Tencent.Sandbox;
using MemberGraph.Tests.Hosting;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Tencent;

/// <summary>When the sandbox is on, and where asking for it stops the gateway.</summary>
public sealed class TencentSandboxModeTests
{
    [Fact]
    public async Task Without_the_sandbox_there_are_no_sandbox_routes()
    {
        // given: a gateway without demo data (sandbox off by default)
        await using var gateway = await GatewayHost.StartAsync();

        // when
        using var wechat = await gateway.Http.GetAsync("/sandbox/tencent/wechat/sns/jscode2session?js_code=sandbox:o1");
        using var wecom = await gateway.Http.GetAsync("/sandbox/tencent/wecom/cgi-bin/gettoken");

        // then
        Assert.False(gateway.Service<TencentSandboxMode>().Enabled);
        Assert.Equal(404, (int)wechat.StatusCode);
        Assert.Equal(404, (int)wecom.StatusCode);
    }

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Production", "Production environment")]
    [InlineData("ConnectionStrings__Sql", "Server=127.0.0.1,1;Database=MemberGraph;User Id=sa;Password=x;Connect Timeout=1;TrustServerCertificate=true", "SQL Server (ConnectionStrings:Sql)")]
    [InlineData("ConnectionStrings__Postgres", "Host=127.0.0.1;Port=1;Database=membergraph", "PostgreSQL (ConnectionStrings:Postgres)")]
    public async Task The_sandbox_asked_for_where_it_is_refused_stops_the_start_with_one_line(string key, string value, string reason)
    {
        // given
        var folder = ApiProcess.TempFolder();
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["MemberGraph__DataDir"] = folder,
                ["Urls"] = "http://127.0.0.1:0",
                ["Tencent__Sandbox"] = "true",
                [key] = value,
            };
            if (key != "ASPNETCORE_ENVIRONMENT")
            {
                environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            }

            // when
            var result = await ApiProcess.RunAsync([], environment, TimeSpan.FromSeconds(60));

            // then
            Assert.Equal(1, result.ExitCode);
            var output = result.StdOut + result.StdErr;
            var refusal = Assert.Single(output.Split('\n'), l => l.Contains("Tencent:Sandbox=true is refused", StringComparison.Ordinal));
            Assert.Contains(reason, refusal);
            Assert.DoesNotContain("Cannot reach the database", output);
            Assert.DoesNotContain("Exception", output);
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }
    }

    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://127.0.0.1:41234/", "http://127.0.0.1:41234")]
    [InlineData("http://+:8080", "http://localhost:8080")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:80", "http://localhost:80")]
    [InlineData("http://[::1]:5080", "http://[::1]:5080")]
    public void A_listening_address_becomes_one_the_gateway_can_call(string listening, string reachable) =>
        Assert.Equal(reachable, SandboxSelfAddress.Reachable(listening));
}
