using System.Text.RegularExpressions;
using MemberGraph.Hosting;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// SQL Server cannot run here, so the SQL-Server-only start path is run against a closed local port: everything up to the
/// network must work (the runtime's globalization, SqlClient, EF Core's provider, Quartz's clustered store), and the
/// network is where it must stop — with one clear line and a non-zero exit code, never a configuration fault.
/// </summary>
public sealed partial class SqlServerStartTests
{
    [Theory]
    [InlineData("false")]
    [InlineData("true")]
    public async Task With_SQL_Server_out_of_reach_the_built_gateway_stops_at_the_network_with_one_clear_line(string clustered)
    {
        // given: the production settings of docker-compose.yml, with SQL Server on a closed local port
        var port = ApiProcess.FreePort();
        var dataDir = ApiProcess.TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Sql"] = $"Server=127.0.0.1,{port};Database=MemberGraph;User Id=membergraph;Password=not-used-1A;TrustServerCertificate=True;Connect Timeout=2",
            ["Jobs__Clustered"] = clustered,
            ["Auth__SigningKey"] = GatewayHost.SigningKey,
            ["MemberGraph__DataDir"] = dataDir,
            ["Urls"] = $"http://127.0.0.1:{ApiProcess.FreePort()}",
            // As the Dockerfile sets it; with today's fix it is also the runtime's default.
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "false",
        };

        // when
        var started = DateTime.UtcNow;
        var result = await ApiProcess.RunAsync([], environment, TimeSpan.FromSeconds(90));
        ApiProcess.DeleteFolder(dataDir);

        // then
        var output = result.StdOut + result.StdErr;
        Assert.True(result.ExitCode == 1, $"Expected exit code 1, got {result.ExitCode}. Output:\n{output}");
        Assert.Contains($"Cannot reach the database (SQL Server 127.0.0.1,{port}, database MemberGraph, connect timeout 2 s): A network-related", output);
        AssertNoExceptionIn(output);
        Assert.DoesNotContain("Now listening", output);
        Assert.DoesNotContain("not-used-1A", output);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), "A closed port should fail within the connect timeout, not after retries.");
    }

    [Fact]
    public async Task In_globalization_invariant_mode_the_built_gateway_says_that_SQL_Server_needs_ICU()
    {
        // given: a machine without ICU, where .NET runs only with DOTNET_SYSTEM_GLOBALIZATION_INVARIANT set
        var dataDir = ApiProcess.TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Sql"] = $"Server=127.0.0.1,{ApiProcess.FreePort()};Database=MemberGraph;User Id=membergraph;Password=x;Connect Timeout=2",
            ["Auth__SigningKey"] = GatewayHost.SigningKey,
            ["MemberGraph__DataDir"] = dataDir,
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true",
        };

        // when
        var result = await ApiProcess.RunAsync([], environment, TimeSpan.FromSeconds(90));
        ApiProcess.DeleteFolder(dataDir);

        // then
        var output = result.StdOut + result.StdErr;
        Assert.True(result.ExitCode == 1, $"Expected exit code 1, got {result.ExitCode}. Output:\n{output}");
        Assert.Contains("SQL Server needs ICU", output);
        AssertNoExceptionIn(output);
    }

    [Fact]
    public async Task On_SQLite_the_built_gateway_also_runs_in_globalization_invariant_mode()
    {
        // given: the same machine without ICU, no SQL Server configured
        var port = ApiProcess.FreePort();
        var dataDir = ApiProcess.TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["MemberGraph__DataDir"] = dataDir,
            ["MemberGraph__SeedDemoData"] = "false",
            ["Auth__SigningKey"] = GatewayHost.SigningKey,
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true",
        };

        // when
        using var process = ApiProcess.Start([], environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var ready = await ApiProcess.WaitForAsync(http, "/readyz", process, TimeSpan.FromSeconds(45));

            // then
            if (!ready)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"The gateway did not become ready. Output: {await stdout}{await stderr}");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            ApiProcess.DeleteFolder(dataDir);
        }
    }

    [Fact]
    public async Task The_clustered_Quartz_store_on_SQL_Server_is_configured_all_the_way_to_the_network()
    {
        // given: the gateway composed with the clustered store (the start check refuses to go on before Quartz is reached,
        // so the store is asked directly: instantiating it provisions and checks its schema, its first connection)
        var dataDir = ApiProcess.TempFolder();
        var app = GatewayApp.Build(
        [
            $"--ConnectionStrings:Sql=Server=127.0.0.1,{ApiProcess.FreePort()};Database=MemberGraph;User Id=membergraph;Password=x;TrustServerCertificate=True;Connect Timeout=2",
            "--Jobs:Clustered=true",
            $"--MemberGraph:DataDir={dataDir}",
            $"--Auth:SigningKey={GatewayHost.SigningKey}",
        ], builder => builder.Logging.ClearProviders());

        try
        {
            // when
            var failure = await Record.ExceptionAsync(async () => await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler());

            // then: the only fault is the network (SqlClient could not connect), not the provider, the serializer or ICU
            Assert.NotNull(failure);
            var chain = Chain(failure).ToList();
            Assert.DoesNotContain(chain, e => e is SchedulerConfigException or NotSupportedException or TypeLoadException or FileNotFoundException);
            var sql = Assert.Single(chain.OfType<SqlException>());
            Assert.Contains("A network-related", sql.Message);
        }
        finally
        {
            await app.DisposeAsync();
            ApiProcess.DeleteFolder(dataDir);
        }
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static void AssertNoExceptionIn(string output)
    {
        Assert.False(ExceptionType().IsMatch(output), $"An exception reached the output:\n{output}");
        Assert.False(StackFrame().IsMatch(output), $"A stack trace reached the output:\n{output}");
    }

    [GeneratedRegex(@"\b\w*Exception\b")]
    private static partial Regex ExceptionType();

    [GeneratedRegex(@"(?m)^\s+at \S+\(")]
    private static partial Regex StackFrame();
}
