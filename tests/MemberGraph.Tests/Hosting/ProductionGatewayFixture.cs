using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// A gateway in the Production environment (appsettings.Production.json on top of appsettings.json) with small rate limits,
/// one allowed origin and a WeChat stub to sign in with. Its tests each send from a loopback address of their own
/// (<see cref="ClientFromAddress"/>), so none eats into another's per-address allowance, and sign in members of their own.
/// <c>GraphQL:TrustedDocumentsOnly</c>, on in the profile (<see cref="ProductionProfileTests"/> checks that), is switched
/// off here so these tests may send documents of their own: what it refuses is the trusted documents' tests' business.
/// </summary>
public sealed class ProductionGatewayFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://h5.example.com";
    public const int SignInLimit = 3;
    public const int MutationLimit = 3;
    public const int RequestLimit = 12;

    /// <summary>Long, so that no window ends in the middle of a test (a fixed window starts at a partition's first request).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public WeChatStub WeChat { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WeChat = await WeChatStub.StartAsync();
        var settings = WeChat.Settings();
        settings["environment"] = "Production";
        settings["GraphQL:TrustedDocumentsOnly"] = "false";
        settings["RateLimits:SignIn:PermitLimit"] = $"{SignInLimit}";
        settings["RateLimits:SignIn:Window"] = Window.ToString("c");
        settings["RateLimits:Mutations:PermitLimit"] = $"{MutationLimit}";
        settings["RateLimits:Mutations:Window"] = Window.ToString("c");
        settings["RateLimits:Requests:PermitLimit"] = $"{RequestLimit}";
        settings["RateLimits:Requests:Window"] = Window.ToString("c");
        settings["Cors:AllowedOrigins:0"] = AllowedOrigin;
        Gateway = await GatewayHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await WeChat.DisposeAsync();
    }
}
