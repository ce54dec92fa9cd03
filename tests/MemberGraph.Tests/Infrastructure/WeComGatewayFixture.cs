namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A <see cref="WeComTestHost"/> (a gateway wired to the WeCom stub and a known callback configuration) shared by the
/// tests of one class, on the terms of <see cref="GatewayFixture"/>. The stub keeps what tests program into it (answers by
/// code or external user id, overridden APIs) and counts every call, so a class whose tests override an API or count calls
/// keeps a host per test.
/// </summary>
public sealed class WeComGatewayFixture : IAsyncLifetime
{
    public WeComTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await WeComTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
