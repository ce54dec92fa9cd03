using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemberGraph.Partners;
using MemberGraph.Seeding;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// The partner-mall demo as real processes: a sandboxed demo MemberGraph on a loopback port, then clients/partner-mall's
/// <c>start.mjs</c> (the mall subgraph and an Apollo Gateway signed in as 万象城, demo-mixc) and a second <c>gateway.mjs</c>
/// signed in as 银泰百货 (demo-intime) over the same mall subgraph — each on a free port, found in its "ready at" line.
/// </summary>
public sealed class PartnerMallFixture : IAsyncLifetime
{
    public static readonly string ClientDir = Path.Combine(RepositoryRoot.Path, "clients", "partner-mall");

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly Regex Ready = new(@" ready at (\S+)$");

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private NodeScript? _mixcProcess;
    private NodeScript? _intimeProcess;

    public GatewayHost MemberGraph { get; private set; } = null!;

    /// <summary>万象城: its consenting demo members' phones, its partner id.</summary>
    public DemoPartnerAccount Mixc { get; private set; } = null!;

    /// <summary>银泰百货.</summary>
    public DemoPartnerAccount Intime { get; private set; } = null!;

    /// <summary>The Apollo Gateway of 万象城 (start.mjs).</summary>
    public Uri MixcGateway { get; private set; } = null!;

    /// <summary>An Apollo Gateway with 银泰百货's credentials over the same mall subgraph (gateway.mjs).</summary>
    public Uri IntimeGateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await NpmPackages.EnsureInstalledAsync(ClientDir, "@apollo/gateway");
        MemberGraph = await GatewayHost.StartAsync(SandboxDemoFixture.Settings);
        var partners = (await MemberGraph.Service<DemoAccounts>().ListAsync(5, CancellationToken.None)).Partners;
        Mixc = partners.Single(p => p.ClientId == "demo-mixc");
        Intime = partners.Single(p => p.ClientId == "demo-intime");

        _mixcProcess = NodeScript.StartIn(ClientDir, Environment(Mixc, new() { ["MALL_PORT"] = "0" }), "start.mjs");
        var mallUrl = await ReadyAsync(_mixcProcess, "mall subgraph");
        MixcGateway = new Uri(await ReadyAsync(_mixcProcess, "partner-mall gateway"));

        _intimeProcess = NodeScript.StartIn(ClientDir, Environment(Intime, new() { ["MALL_SUBGRAPH_URL"] = mallUrl }), "gateway.mjs");
        IntimeGateway = new Uri(await ReadyAsync(_intimeProcess, "partner-mall gateway"));
    }

    /// <summary>POSTs a GraphQL request to one of the Apollo Gateways.</summary>
    public async Task<GraphQLResponse> QueryAsync(Uri gateway, string query, object? variables = null)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(gateway, content);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, JsonNode.Parse(body)!.AsObject(), body);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_intimeProcess is not null)
        {
            await _intimeProcess.DisposeAsync();
        }

        if (_mixcProcess is not null)
        {
            await _mixcProcess.DisposeAsync();
        }

        if (MemberGraph is not null)
        {
            await MemberGraph.DisposeAsync();
        }
    }

    private Dictionary<string, string> Environment(DemoPartnerAccount partner, Dictionary<string, string> more)
    {
        var environment = new Dictionary<string, string>
        {
            ["MEMBERGRAPH_URL"] = MemberGraph.BaseAddress.ToString(),
            ["PARTNER_CLIENT_ID"] = partner.ClientId,
            ["PARTNER_CLIENT_SECRET"] = partner.DocumentedSecret,
            ["GATEWAY_PORT"] = "0",
            ["HOST"] = "127.0.0.1",
        };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The URL of the "&lt;what&gt; ready at URL" line the process prints once it listens (a gateway: once it composed).</summary>
    private static async Task<string> ReadyAsync(NodeScript process, string what)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var line = await process.NextTextLineAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            var ready = Ready.Match(line);
            if (line.StartsWith(what, StringComparison.Ordinal) && ready.Success)
            {
                return ready.Groups[1].Value;
            }
        }
    }

}
