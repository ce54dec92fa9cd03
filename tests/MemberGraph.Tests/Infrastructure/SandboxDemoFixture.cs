namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A demo-like gateway shared by the tests of one class: Development (so the Tencent sandbox is on), a small demo seeded
/// on SQLite, nothing about Tencent configured. Its tests pick seeded people to sign in as (sign-in is idempotent) and
/// make their own members with new openids, unionids and external user ids.
/// </summary>
public sealed class SandboxDemoFixture : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["environment"] = "Development", // as `dotnet run` (launchSettings.json): the sandbox is never on in Production
        ["MemberGraph:SeedDemoData"] = "true",
        ["MemberGraph:DemoMembers"] = "40",
        ["WeChat:BaseUrl"] = null, // GatewayHost's unreachable default: unset, as in a demo
        ["WeCom:BaseUrl"] = null,
    };

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayHost.StartAsync(Settings);

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
