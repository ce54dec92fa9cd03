using System.Diagnostics;
using System.Text.RegularExpressions;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// docker-compose.yml as a person runs it: Debian's docker-compose (installed by scripts/test.sh) must accept it with a
/// .env made from the committed .env.example — <c>docker-compose config</c> needs no Docker engine — and the file wires
/// its services together with no secret of its own.
/// </summary>
public sealed partial class DockerComposeTests
{
    private static readonly string[] Secrets = ["MSSQL_SA_PASSWORD", "MEMBERGRAPH_DB_PASSWORD", "AUTH_SIGNING_KEY"];

    private static string Root => RepositoryRoot.Path;

    private static ComposeFile Compose => ComposeFile.Parse(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));

    [Fact]
    public async Task Docker_compose_accepts_the_file_with_the_dotenv_that_scripts_compose_env_makes_from_the_example()
    {
        // given: a .env written by the script the README tells people to run
        var folder = ApiProcess.TempFolder();
        try
        {
            var envFile = Path.Combine(folder, ".env");
            var made = await RunAsync("bash", [Path.Combine(Root, "scripts", "compose-env.sh"), envFile]);
            Assert.True(made.ExitCode == 0, made.StdErr);
            var env = ReadEnv(envFile);

            // when
            var config = await DockerComposeConfigAsync(envFile);

            // then: valid, and each secret lands where it belongs
            Assert.True(config.ExitCode == 0, $"docker-compose config failed:\n{config.StdErr}");
            Assert.Equal("membergraph", env["COMPOSE_PROJECT_NAME"]);
            Assert.All(Secrets, secret => Assert.True(env[secret].Length >= 32, $"{secret} is too short: {env[secret]}"));
            Assert.Contains($"User Id=membergraph;Password={env["MEMBERGRAPH_DB_PASSWORD"]};", config.StdOut);
            Assert.Contains($"Auth__SigningKey: {env["AUTH_SIGNING_KEY"]}", config.StdOut);
            Assert.Contains($"MSSQL_SA_PASSWORD: {env["MSSQL_SA_PASSWORD"]}", config.StdOut);
            Assert.DoesNotContain("User Id=sa;", config.StdOut);
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task Every_secret_is_left_empty_in_the_example_and_docker_compose_refuses_to_run_without_it()
    {
        // given
        var example = ReadEnvLines(Path.Combine(Root, ".env.example"));
        Assert.Equal(Secrets.Order(StringComparer.Ordinal), example.Where(kv => kv.Value.Length == 0).Select(kv => kv.Key).Order(StringComparer.Ordinal));
        var folder = ApiProcess.TempFolder();
        try
        {
            foreach (var secret in Secrets)
            {
                // when: every other secret is set
                var envFile = Path.Combine(folder, $"{secret}.env");
                await File.WriteAllLinesAsync(envFile, example.Select(kv => $"{kv.Key}={(kv.Key == secret || kv.Value.Length > 0 ? kv.Value : "Aa1-test-secret-0123456789abcdef0123")}"));
                var config = await DockerComposeConfigAsync(envFile);

                // then
                Assert.NotEqual(0, config.ExitCode);
                Assert.Contains($"set {secret} in .env", config.StdErr);
            }
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }
    }

    [Fact]
    public void The_compose_file_has_no_secret_literal_and_the_dotenv_stays_out_of_git_and_the_image()
    {
        // given
        var yaml = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));

        // when
        var interpolations = Interpolation().Matches(yaml).Select(m => (Name: m.Groups["name"].Value, After: m.Groups["rest"].Value)).ToList();

        // then: secrets only as required variables (no ${VAR:-default}); no password or key written out
        Assert.All(Secrets, secret => Assert.Contains(interpolations, i => i.Name == secret));
        Assert.All(interpolations.Where(i => Secrets.Contains(i.Name)), i => Assert.StartsWith(":?", i.After));
        Assert.DoesNotMatch(@"(?i)password=(?!\$\{)", yaml);
        Assert.DoesNotMatch(@"(?im)^\s*(MSSQL_SA_PASSWORD|MEMBERGRAPH_DB_PASSWORD|Auth__SigningKey):\s*(?!""?\$\{)\S", yaml);
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(Root, ".gitignore")));
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(Root, ".dockerignore")));
    }

    [Fact]
    public void Services_are_wired_to_services_that_exist_watched_by_health_checks_and_restarted()
    {
        // given
        var services = Compose.Services;
        var gateway = ComposeFile.Map(services, "gateway");
        var environment = ComposeFile.Map(gateway, "environment");

        // when
        var named = ComposeFile.Map(gateway, "depends_on").Keys
            .Append(ConnectionStringHost().Match((string)environment["ConnectionStrings__Sql"]).Groups["host"].Value)
            .Append(((string)environment["ConnectionStrings__Redis"]).Split(':')[0])
            .ToList();

        // then
        Assert.All(named, name => Assert.True(services.ContainsKey(name), $"The gateway names '{name}', which is no service."));
        Assert.All(services, service =>
        {
            var definition = (Dictionary<string, object>)service.Value;
            if (definition.TryGetValue("depends_on", out var dependsOn))
            {
                Assert.All(((Dictionary<string, object>)dependsOn).Keys, name => Assert.True(services.ContainsKey(name), $"{service.Key} depends on '{name}', which is no service."));
            }
        });
        foreach (var name in new[] { "sqlserver", "redis", "gateway" })
        {
            Assert.True(ComposeFile.Map(services, name).ContainsKey("healthcheck"), $"{name} has no health check.");
            Assert.Equal("unless-stopped", ComposeFile.Map(services, name)["restart"]);
        }

        Assert.Equal("no", ComposeFile.Map(services, "sqlserver-init")["restart"]);
        Assert.Equal("[\"CMD\", \"dotnet\", \"MemberGraph.Api.dll\", \"healthcheck\"]", ComposeFile.Map(gateway, "healthcheck")["test"]);
        Assert.Equal(["8080:8080"], (List<string>)gateway["ports"]);
    }

    [Fact]
    public void Sql_server_publishes_no_port_and_its_images_ask_for_amd64()
    {
        // when
        var services = Compose.Services;
        var sqlServerImages = services.Where(s => ((Dictionary<string, object>)s.Value).TryGetValue("image", out var image) && ((string)image).StartsWith("mcr.microsoft.com/mssql/", StringComparison.Ordinal)).ToList();

        // then
        Assert.Equal(["sqlserver", "sqlserver-init"], sqlServerImages.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.All(sqlServerImages, s => Assert.Equal("linux/amd64", ((Dictionary<string, object>)s.Value)["platform"]));
        Assert.All(sqlServerImages, s => Assert.False(((Dictionary<string, object>)s.Value).ContainsKey("ports"), $"{s.Key} publishes a port."));
        Assert.False(ComposeFile.Map(services, "redis").ContainsKey("ports"), "redis publishes a port.");
    }

    [Fact]
    public void The_gateway_logs_in_as_membergraph_which_the_init_service_creates_as_owner_of_its_database_only()
    {
        // given
        var init = ComposeFile.Map(Compose.Services, "sqlserver-init");
        var script = File.ReadAllText(Path.Combine(Root, "scripts", "sqlserver-init", "init.sh"));
        var sql = File.ReadAllText(Path.Combine(Root, "scripts", "sqlserver-init", "init.sql"));
        var connectionString = (string)ComposeFile.Map(ComposeFile.Map(Compose.Services, "gateway"), "environment")["ConnectionStrings__Sql"];

        // then: the compose service runs the committed script, which passes the login and .env's password to init.sql
        Assert.Equal(["./scripts/sqlserver-init:/membergraph:ro"], (List<string>)init["volumes"]);
        Assert.Equal("[\"/bin/bash\", \"/membergraph/init.sh\"]", init["entrypoint"]);
        Assert.Contains("-U sa -P \"$MSSQL_SA_PASSWORD\" -b -I", script);
        Assert.Contains("-v GatewayLogin=membergraph GatewayPassword=\"$MEMBERGRAPH_DB_PASSWORD\"", script);
        Assert.Contains("User Id=membergraph;", connectionString);
        Assert.Contains("CREATE DATABASE [MemberGraph]", sql);
        Assert.Contains("CREATE LOGIN [$(GatewayLogin)] WITH PASSWORD = N'$(GatewayPassword)'", sql);
        Assert.Contains("ALTER LOGIN [$(GatewayLogin)] WITH PASSWORD = N'$(GatewayPassword)'", sql);
        Assert.Contains("USE [MemberGraph];", sql);
        Assert.Contains("ALTER ROLE db_owner ADD MEMBER [$(GatewayLogin)]", sql);
        Assert.DoesNotMatch(@"(?i)sysadmin|ALTER SERVER ROLE|GRANT CONTROL SERVER", sql);
    }

    [Fact]
    public async Task The_postgres_profile_runs_the_gateway_on_the_postgres_service_with_the_gateway_login_and_a_clustered_Quartz()
    {
        // given
        var folder = ApiProcess.TempFolder();
        try
        {
            var envFile = Path.Combine(folder, ".env");
            Assert.Equal(0, (await RunAsync("bash", [Path.Combine(Root, "scripts", "compose-env.sh"), envFile])).ExitCode);
            var env = ReadEnv(envFile);

            // when
            var config = await DockerComposeConfigAsync(envFile, "--profile", "postgres");

            // then: valid, and the PostgreSQL gateway reaches the postgres service as "membergraph" with the password from .env
            Assert.True(config.ExitCode == 0, $"docker-compose --profile postgres config failed:\n{config.StdErr}");
            Assert.Contains($"Host=postgres;Port=5432;Database=membergraph;Username=membergraph;Password={env["MEMBERGRAPH_DB_PASSWORD"]}", config.StdOut);
            Assert.Contains($"POSTGRES_PASSWORD: {env["MEMBERGRAPH_DB_PASSWORD"]}", config.StdOut);
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }

        var services = Compose.Services;
        foreach (var name in new[] { "postgres", "gateway-postgres" })
        {
            Assert.Equal(["postgres"], (List<string>)ComposeFile.Map(services, name)["profiles"]);
            Assert.True(ComposeFile.Map(services, name).ContainsKey("healthcheck"), $"{name} has no health check.");
        }

        var gateway = ComposeFile.Map(services, "gateway-postgres");
        var environment = ComposeFile.Map(gateway, "environment");
        Assert.Equal(["postgres", "redis"], ComposeFile.Map(gateway, "depends_on").Keys.Order(StringComparer.Ordinal));
        Assert.False(environment.ContainsKey("ConnectionStrings__Sql"), "The PostgreSQL gateway would be refused with both connection strings.");
        Assert.Equal("true", environment["Jobs__Clustered"]);
        Assert.False(ComposeFile.Map(services, "postgres").ContainsKey("ports"), "postgres publishes a port.");
        Assert.Equal(["8081:8080"], (List<string>)gateway["ports"]);
    }

    private static async Task<ProcessResult> DockerComposeConfigAsync(string envFile, params string[] options) =>
        await RunAsync("docker-compose", ["--file", Path.Combine(Root, "docker-compose.yml"), "--env-file", envFile, .. options, "config"]);

    /// <summary>Runs a tool with none of the compose variables of the test runner's environment (they outrank .env).</summary>
    private static async Task<ProcessResult> RunAsync(string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => Secrets.Contains(k) || k.StartsWith("COMPOSE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new Xunit.Sdk.XunitException($"'{tool}' is not installed: scripts/test.sh installs it (apt-get install docker-compose).");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>KEY=value lines, in file order (comments and blank lines skipped).</summary>
    private static List<KeyValuePair<string, string>> ReadEnvLines(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .Select(pair => KeyValuePair.Create(pair[0], pair[1]))
            .ToList();

    private static Dictionary<string, string> ReadEnv(string path) => new(ReadEnvLines(path));

    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Z_][A-Z0-9_]*)(?<rest>[^}]*)\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"Server=(?<host>[^,;]+)")]
    private static partial Regex ConnectionStringHost();
}
