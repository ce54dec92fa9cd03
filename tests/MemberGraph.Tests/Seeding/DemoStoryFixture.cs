using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Seeding;

/// <summary>
/// One first-start demo (600 members) for the read-only story tests: seeding it is the expensive part, and none of
/// these tests writes to it, so no test's result depends on another having run.
/// </summary>
public sealed class DemoStoryFixture : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> Seeded = new()
    {
        ["MemberGraph:SeedDemoData"] = "true",
        ["MemberGraph:DemoMembers"] = "600",
    };

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayHost.StartAsync(Seeded);

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
