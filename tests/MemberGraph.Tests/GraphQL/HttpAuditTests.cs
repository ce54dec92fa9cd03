using System.Diagnostics;
using System.Text.Json;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// The outside judge of the HTTP transport: the GraphQL-over-HTTP server audits of the npm package
/// <c>graphql-http</c> (tests/interop/http-audit.mjs), run against a real gateway. Every audit must pass,
/// MUST, SHOULD and MAY alike.
/// </summary>
public sealed class HttpAuditTests
{
    private static readonly string InteropDir = Path.Combine(RepositoryRoot.Path, "tests", "interop");

    [Fact]
    public async Task The_gateway_passes_every_graphql_over_http_server_audit()
    {
        // given
        Assert.True(Directory.Exists(Path.Combine(InteropDir, "node_modules", "graphql-http")),
            $"The interop npm packages are not installed in {InteropDir}: run `bash scripts/test.sh` (it runs `npm ci` there).");
        await using var gateway = await GatewayHost.StartAsync();

        // when
        var (exitCode, stdout, stderr) = await RunNodeAsync("http-audit.mjs", new Uri(gateway.BaseAddress, "/graphql").ToString());

        // then
        var results = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<AuditResult>(line, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)
            .ToList();
        Assert.True(results.Count >= 50, $"Expected the full list of audits, got {results.Count} (exit {exitCode}).\nstdout:\n{stdout}\nstderr:\n{stderr}");
        var failed = results.Where(r => r.Status != "ok").ToList();
        Assert.True(failed.Count == 0,
            $"{failed.Count} of {results.Count} GraphQL-over-HTTP audits failed:\n" +
            string.Join('\n', failed.Select(f => $"  [{f.Status}] {f.Id} {f.Name}: {f.Reason} (HTTP {f.HttpStatus}) {f.Body}")));
        Assert.Equal(0, exitCode);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = InteropDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; Node 20 must be on PATH.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within 2 minutes.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private sealed record AuditResult(string Id, string Name, string Status, string? Reason, int? HttpStatus, string? Body);
}
