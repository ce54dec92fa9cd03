namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A plain gateway (the defaults of <see cref="GatewayHost.StartAsync"/>) shared by the tests of one class
/// (<c>IClassFixture&lt;GatewayFixture&gt;</c>). For classes whose tests each build their own stores, guides, members and
/// orders (unique ids, codes and phones) and assert only on those: tests of a class run one after another, so a before/after
/// count within one test still holds, but a count of a whole table does not — such a class keeps a gateway per test. So do
/// tests that need their own clock, configuration or an empty database.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
