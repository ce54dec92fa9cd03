namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A gateway as a first <c>dotnet run</c> starts it: Development (demo data and the Tencent sandbox, nothing about Tencent
/// configured) with the default demo seeded. Seeding it is the expensive part, so a class shares one.
/// </summary>
public sealed class FirstRunDemoFixture : IAsyncLifetime
{
    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["environment"] = "Development", // as `dotnet run`: demo data and the Tencent sandbox
        ["MemberGraph:SeedDemoData"] = "true",
        ["WeChat:BaseUrl"] = null,
        ["WeCom:BaseUrl"] = null,
    });

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
