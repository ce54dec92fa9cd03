using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MemberGraph.Auth;
using MemberGraph.Hosting;
using MemberGraph.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// docker-compose.yml and the Dockerfile cannot run here (no container engine), so they are checked by reading
/// them and by running the gateway with exactly the environment they give it.
/// </summary>
public sealed partial class ContainerConfigurationTests
{
    /// <summary>
    /// Keys the compose file sets ahead of the code that reads them (the Redis backplane). Each entry must not be
    /// read yet: once it is, the test fails so that the entry is removed and the key is checked like the others.
    /// </summary>
    private static readonly string[] ReadByAFeatureStillToLand = [];

    private static ComposeFile Compose => ComposeFile.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker-compose.yml")));

    [Fact]
    public void Compose_runs_sql_server_2022_redis_7_and_the_gateway_built_from_the_Dockerfile()
    {
        // when
        var services = Compose.Services;

        // then: these run by default; the `postgres` profile's services (gateway-postgres, postgres) only when asked for
        Assert.Equal(["gateway", "redis", "sqlserver", "sqlserver-init"],
            services.Keys.Where(name => !ComposeFile.Map(services, name).ContainsKey("profiles")).Order(StringComparer.Ordinal));
        Assert.Equal(["gateway-postgres", "postgres"],
            services.Keys.Where(name => ComposeFile.Map(services, name).ContainsKey("profiles")).Order(StringComparer.Ordinal));
        Assert.Equal("mcr.microsoft.com/mssql/server:2022-latest", ComposeFile.Map(services, "sqlserver")["image"]);
        Assert.Equal("mcr.microsoft.com/mssql/server:2022-latest", ComposeFile.Map(services, "sqlserver-init")["image"]);
        Assert.Equal("redis:7-alpine", ComposeFile.Map(services, "redis")["image"]);
        Assert.Equal("Dockerfile", ComposeFile.Map(ComposeFile.Map(services, "gateway"), "build")["dockerfile"]);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "Dockerfile")));
    }

    [Fact]
    public void Sql_server_and_redis_have_health_checks_and_the_gateway_waits_for_them_and_for_its_login()
    {
        // given
        var services = Compose.Services;
        var sqlServer = ComposeFile.Map(services, "sqlserver");

        // when
        var dependsOn = ComposeFile.Map(ComposeFile.Map(services, "gateway"), "depends_on");

        // then: the sa password has no default (it comes from .env), the gateway starts once its login exists
        Assert.Equal("Y", ComposeFile.Map(sqlServer, "environment")["ACCEPT_EULA"]);
        Assert.Matches(@"^\$\{MSSQL_SA_PASSWORD:\?.+\}$", (string)ComposeFile.Map(sqlServer, "environment")["MSSQL_SA_PASSWORD"]);
        Assert.Contains("sqlcmd", (string)ComposeFile.Map(sqlServer, "healthcheck")["test"]);
        Assert.Contains("redis-cli", (string)ComposeFile.Map(ComposeFile.Map(services, "redis"), "healthcheck")["test"]);
        foreach (var dependency in new[] { "sqlserver", "redis" })
        {
            Assert.Equal("service_healthy", ComposeFile.Map(dependsOn, dependency)["condition"]);
        }

        Assert.Equal("service_completed_successfully", ComposeFile.Map(dependsOn, "sqlserver-init")["condition"]);
        Assert.Equal("service_healthy", ComposeFile.Map(ComposeFile.Map(ComposeFile.Map(services, "sqlserver-init"), "depends_on"), "sqlserver")["condition"]);
    }

    [Fact]
    public void The_gateway_is_configured_for_production_by_environment()
    {
        // when
        var environment = GatewayEnvironment();

        // then
        Assert.Contains("Server=sqlserver,1433", environment["ConnectionStrings__Sql"]);
        Assert.Contains(";User Id=membergraph;Password=${MEMBERGRAPH_DB_PASSWORD:?", environment["ConnectionStrings__Sql"]);
        Assert.Equal("redis:6379", environment["ConnectionStrings__Redis"]);
        Assert.Matches(@"^\$\{AUTH_SIGNING_KEY:\?.+\}$", environment["Auth__SigningKey"]);
        Assert.Equal("false", environment["MemberGraph__SeedDemoData"]);
        Assert.Equal("false", environment["MemberGraph__Introspection"]);
        Assert.Equal("true", environment["Jobs__Clustered"]);
    }

    [Fact]
    public async Task Every_setting_compose_gives_the_gateway_is_a_key_the_gateway_reads()
    {
        // given: the gateway composed as in production, with a recorder asked for every configuration key
        var keys = GatewayEnvironment().Keys
            .Where(k => k.StartsWith("MemberGraph__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("Auth__", StringComparison.Ordinal))
            .Select(k => k.Replace("__", ":", StringComparison.Ordinal))
            .ToList();
        var recorder = new ConfigurationKeyRecorder();
        var dataDir = ApiProcess.TempFolder();
        var app = GatewayApp.Build(
            [$"--urls=http://127.0.0.1:0", $"--MemberGraph:DataDir={dataDir}", "--MemberGraph:SeedDemoData=false", $"--Auth:SigningKey={GatewayHost.SigningKey}"],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Configuration.Sources.Add(recorder);
            });

        // when: it starts and serves an authenticated request and a readiness probe
        try
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var token = app.Services.GetRequiredService<TokenIssuer>().Issue(new TokenSubject(Roles.Admin)).Token;
            using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("application/json");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
            (await http.GetAsync("/readyz")).EnsureSuccessStatusCode();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            ApiProcess.DeleteFolder(dataDir);
        }

        // then
        var read = recorder.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.NotEmpty(keys);
        foreach (var key in keys.Except(ReadByAFeatureStillToLand, StringComparer.OrdinalIgnoreCase))
        {
            Assert.True(read.Contains(key), $"docker-compose.yml sets {key}, which the gateway never reads (a typo?). Keys it read: {string.Join(", ", read.Order())}");
        }

        foreach (var key in ReadByAFeatureStillToLand)
        {
            Assert.False(read.Contains(key), $"The gateway reads {key} now: remove it from {nameof(ReadByAFeatureStillToLand)} so that it is checked like the other keys.");
        }
    }

    [Fact]
    public async Task The_Dockerfile_environment_makes_the_gateway_listen_on_the_container_port()
    {
        // given: the ENV of the runtime stage, with the container's port and data folder mapped to free local ones
        var port = ApiProcess.FreePort();
        var dataDir = ApiProcess.TempFolder();
        var environment = DockerfileEnvironment().ToDictionary(
            kv => kv.Key,
            kv => kv.Value.Replace("http://+:8080", $"http://127.0.0.1:{port}", StringComparison.Ordinal)
                .Replace("/var/lib/membergraph", dataDir, StringComparison.Ordinal));
        Assert.Equal("http://+:8080", DockerfileEnvironment()["ASPNETCORE_URLS"]);
        environment["MemberGraph__SeedDemoData"] = "false";
        environment["Auth__SigningKey"] = GatewayHost.SigningKey;

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
                Assert.Fail($"The gateway did not answer on port {port}. Output: {await stdout}{await stderr}");
            }

            Assert.True(File.Exists(Path.Combine(dataDir, "membergraph.db")), "The SQLite file should be in the data folder the Dockerfile names.");

            // and the image's HEALTHCHECK command, run with the same environment, finds it ready
            var healthcheck = await ApiProcess.RunAsync(["healthcheck"], environment, TimeSpan.FromSeconds(30));
            Assert.True(healthcheck.ExitCode == 0, $"healthcheck: exit {healthcheck.ExitCode} {healthcheck.StdOut}{healthcheck.StdErr}");
            Assert.Contains($"http://127.0.0.1:{port}/readyz: 200 Healthy", healthcheck.StdOut);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            ApiProcess.DeleteFolder(dataDir);
        }
    }

    [Fact]
    public void The_runtime_image_runs_as_a_non_root_user_and_exposes_8080()
    {
        // given
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));

        // when
        var stages = FromLine().Matches(dockerfile).Select(m => m.Groups["image"].Value).ToList();
        var runtime = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];

        // then
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], stages);
        Assert.Matches(@"(?m)^USER \$APP_UID\s*$", runtime);
        Assert.Matches(@"(?m)^EXPOSE 8080\s*$", runtime);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"MemberGraph.Api.dll\"]", runtime);
    }

    [Fact]
    public void The_runtime_image_has_ICU_for_SQL_Server_and_checks_its_health_with_the_gateway_binary()
    {
        // given
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));

        // when
        var runtime = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];

        // then: the build stops without libicu, .NET is told to use it, and no curl is needed for the health check
        Assert.Matches(@"(?m)^RUN ldconfig -p \| grep -q 'libicuuc\\\.so\\\.' \|\| \{.*exit 1; \}$", runtime);
        Assert.Equal("false", DockerfileEnvironment()["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"]);
        Assert.Matches(@"(?m)^HEALTHCHECK .*CMD \[""dotnet"", ""MemberGraph.Api.dll"", ""healthcheck""\]$", runtime);
        Assert.DoesNotMatch(@"(?m)^RUN .*\b(curl|wget)\b", runtime);
    }

    private static Dictionary<string, string> GatewayEnvironment() =>
        ComposeFile.Map(ComposeFile.Map(Compose.Services, "gateway"), "environment").ToDictionary(kv => kv.Key, kv => (string)kv.Value);

    /// <summary>KEY=value pairs of the ENV instructions in the runtime stage (backslash continuations joined).</summary>
    private static Dictionary<string, string> DockerfileEnvironment()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile")).ReplaceLineEndings("\n");
        var runtime = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..].Replace("\\\n", " ", StringComparison.Ordinal);
        return runtime.Split('\n')
            .Where(line => line.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(line => line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }

    [GeneratedRegex(@"(?m)^FROM (?<image>\S+)")]
    private static partial Regex FromLine();
}
