using MemberGraph.Data;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A <see cref="WeChatStub"/> and a gateway configured to call it, shared by the tests of one class on the terms of
/// <see cref="GatewayFixture"/>: each test signs in its own openids and phones, and counts the stub's calls as a
/// difference before and after what it does.
/// </summary>
public class WeChatGatewayFixture : IAsyncLifetime
{
    /// <summary>The engine the gateway runs on: SQLite, or PostgreSQL in <see cref="PostgresWeChatGatewayFixture"/>.</summary>
    protected virtual DatabaseKind Database => DatabaseKind.Sqlite;

    public WeChatStub WeChat { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WeChat = await WeChatStub.StartAsync();
        Gateway = await GatewayHost.StartAsync(WeChat.Settings(), database: Database);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await WeChat.DisposeAsync();
    }
}

/// <summary>The same on a database of its own in the run's PostgreSQL cluster.</summary>
public sealed class PostgresWeChatGatewayFixture : WeChatGatewayFixture
{
    protected override DatabaseKind Database => DatabaseKind.Postgres;
}
