using MemberGraph.Tencent.WeChat;
using MemberGraph.Tencent.WeCom;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.Sandbox;

public static class TencentSandboxServiceCollectionExtensions
{
    /// <summary>
    /// The sandbox's mode and, when it is on, its fake APIs, its address and the credentials it fills in where none are
    /// configured. WeChat and WeCom clients ask <see cref="SandboxSelfAddress"/> for their base URL when theirs is unset.
    /// </summary>
    public static IServiceCollection AddTencentSandbox(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var mode = TencentSandboxMode.From(configuration, environment);
        services.AddSingleton(mode);
        services.Configure<TencentSandboxOptions>(configuration.GetSection(TencentSandboxOptions.Section));
        if (!mode.Enabled)
        {
            return services;
        }

        services.PostConfigure<WeChatOptions>(SandboxSecrets.Fill);
        services.PostConfigure<WeComOptions>(SandboxSecrets.Fill);
        services.AddSingleton<SandboxSelfAddress>();
        services.AddSingleton<IWeComSandboxContacts, DatabaseSandboxContacts>();
        services.AddSingleton(sp =>
        {
            var wechat = sp.GetRequiredService<IOptions<WeChatOptions>>().Value;
            return new WeChatSandbox(wechat.AppId, wechat.AppSecret, "sandbox", sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            var wecom = sp.GetRequiredService<IOptions<WeComOptions>>().Value;
            return new WeComSandbox(sp.GetRequiredService<IWeComSandboxContacts>(), "sandbox", wecom.CorpId, wecom.AgentSecret);
        });
        return services;
    }

    /// <summary>The base URL of a Tencent client: the configured one, else the sandbox when it is on, else the platform.</summary>
    public static string TencentBaseUrl(this IServiceProvider services, string configured, Func<SandboxSelfAddress, string> sandbox, string platform) =>
        (!string.IsNullOrWhiteSpace(configured) ? configured
            : services.GetService<SandboxSelfAddress>() is { } self ? sandbox(self)
            : platform).TrimEnd('/') + "/";
}
