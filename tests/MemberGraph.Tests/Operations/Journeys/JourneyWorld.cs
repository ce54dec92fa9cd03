using MemberGraph.Data;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>
/// A gateway of its own per test (active journeys enrol whoever orders, so tests must not share one), with a clock the
/// test moves (waits of a day), the WeChat stub and a configured subscribe-message template members can accept.
/// </summary>
public abstract class JourneyWorld : IAsyncLifetime
{
    public const string Template = "tmpl-journey-test";

    protected MutableTimeProvider Clock { get; } = new();

    protected WeChatStub WeChat { get; private set; } = null!;

    protected GatewayHost Gateway { get; private set; } = null!;

    internal JourneyKit Kit { get; private set; } = null!;

    /// <summary>Test-only services registered before the gateway's own (a handler that fails once, ...).</summary>
    protected virtual void Register(IServiceCollection services)
    {
    }

    /// <summary>The engine the gateway runs on.</summary>
    protected virtual DatabaseKind Database => DatabaseKind.Sqlite;

    /// <summary>Test-only configuration of the gateway (a smaller tagging batch, ...).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync()
    {
        WeChat = await WeChatStub.StartAsync();
        var settings = WeChat.Settings();
        settings["WeChat:SubscribeTemplates:CouponExpiring"] = Template;
        Configure(settings);
        Gateway = await GatewayHost.StartAsync(settings, services: s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            Register(s);
        }, database: Database);
        Kit = new JourneyKit(Gateway);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await WeChat.DisposeAsync();
    }

    /// <summary>A moment just before the gateway's "now", for orders paid now.</summary>
    protected DateTime JustNow => Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
}
