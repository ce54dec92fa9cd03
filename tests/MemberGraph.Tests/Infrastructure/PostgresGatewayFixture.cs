using MemberGraph.Data;

namespace MemberGraph.Tests.Infrastructure;

/// <summary><see cref="GatewayFixture"/> on PostgreSQL: a gateway over a database of its own in the run's cluster.</summary>
public sealed class PostgresGatewayFixture : IAsyncLifetime
{
    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayHost.StartAsync(database: DatabaseKind.Postgres);

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
