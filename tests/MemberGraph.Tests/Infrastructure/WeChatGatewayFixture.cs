namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A <see cref="WeChatStub"/> and a gateway configured to call it, shared by the tests of one class on the terms of
/// <see cref="GatewayFixture"/>: each test signs in its own openids and phones, and counts the stub's calls as a
/// difference before and after what it does.
/// </summary>
public sealed class WeChatGatewayFixture : IAsyncLifetime
{
    public WeChatStub WeChat { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WeChat = await WeChatStub.StartAsync();
        Gateway = await GatewayHost.StartAsync(WeChat.Settings());
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await WeChat.DisposeAsync();
    }
}
