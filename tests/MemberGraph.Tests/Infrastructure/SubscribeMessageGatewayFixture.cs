using MemberGraph.Data;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A <see cref="WeChatStub"/> and a gateway configured to call it, with a coupon-expiry subscribe-message template
/// (<see cref="CouponExpiringTemplate"/>), shared by the tests of one class on the terms of <see cref="GatewayFixture"/>:
/// each test makes its own members (and openids) and reads only their messages from the stub.
/// </summary>
public class SubscribeMessageGatewayFixture : IAsyncLifetime
{
    /// <summary>The engine the gateway runs on: SQLite, or PostgreSQL in <see cref="PostgresSubscribeMessageGatewayFixture"/>.</summary>
    protected virtual DatabaseKind Database => DatabaseKind.Sqlite;

    public const string CouponExpiringTemplate = "tmpl-coupon-expiring-test";

    public WeChatStub WeChat { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WeChat = await WeChatStub.StartAsync();
        var settings = WeChat.Settings();
        settings["WeChat:SubscribeTemplates:CouponExpiring"] = CouponExpiringTemplate;
        Gateway = await GatewayHost.StartAsync(settings, database: Database);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await WeChat.DisposeAsync();
    }
}

/// <summary>The same on a database of its own in the run's PostgreSQL cluster.</summary>
public sealed class PostgresSubscribeMessageGatewayFixture : SubscribeMessageGatewayFixture
{
    protected override DatabaseKind Database => DatabaseKind.Postgres;
}
