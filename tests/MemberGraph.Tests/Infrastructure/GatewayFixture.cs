namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// One gateway shared by the cases of a table-driven test class (<c>IClassFixture&lt;GatewayFixture&gt;</c>), where starting
/// one per case would dominate the run. Each case still builds its own rows and asserts only on them.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
