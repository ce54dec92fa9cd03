using System.Diagnostics;
using System.Text.RegularExpressions;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Clients;

/// <summary>
/// clients/store-tool as real processes: a sandboxed demo MemberGraph on a loopback port (member codes valid ten minutes
/// instead of one, so a slow machine cannot make the scanned code expire in the middle of the browser run), and the store
/// tool's <c>serve.mjs</c> proxying /graphql to it on a free port (found in its "ready at" line).
/// </summary>
public sealed class StoreToolFixture : IAsyncLifetime
{
    public static readonly string ClientDir = Path.Combine(RepositoryRoot.Path, "clients", "store-tool");

    private static readonly Regex Ready = new(@"^store-tool ready at (\S+)$");

    private readonly List<NodeScript> _servers = [];

    public GatewayHost MemberGraph { get; private set; } = null!;

    /// <summary>The store tool (serve.mjs) in front of <see cref="MemberGraph"/>.</summary>
    public Uri StoreTool { get; private set; } = null!;

    /// <summary>Debian's chromium (scripts/test.sh installs it), or CHROMIUM_PATH.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"No chromium at {ChromiumPath}: run `bash scripts/test.sh` (it installs Debian's chromium) or set CHROMIUM_PATH.");
        await NpmPackages.EnsureInstalledAsync(ClientDir, "playwright-core");
        MemberGraph = await GatewayHost.StartAsync(new Dictionary<string, string?>(SandboxDemoFixture.Settings) { ["Auth:MemberCodeLifetime"] = "00:10:00" });
        StoreTool = await StartServerAsync(MemberGraph.BaseAddress.ToString());
    }

    /// <summary>Starts another serve.mjs (stopped with the fixture) in front of the given MemberGraph URL.</summary>
    public async Task<Uri> StartServerAsync(string memberGraphUrl)
    {
        var server = NodeScript.StartIn(ClientDir, new Dictionary<string, string>
        {
            ["MEMBERGRAPH_URL"] = memberGraphUrl,
            ["PORT"] = "0",
            ["HOST"] = "127.0.0.1",
        }, "serve.mjs");
        _servers.Add(server);
        while (true)
        {
            var ready = Ready.Match(await server.NextTextLineAsync(TimeSpan.FromSeconds(60)));
            if (ready.Success)
            {
                return new Uri(ready.Groups[1].Value);
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        if (MemberGraph is not null)
        {
            await MemberGraph.DisposeAsync();
        }
    }

}
