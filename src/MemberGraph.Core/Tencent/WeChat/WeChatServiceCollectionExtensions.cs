using MemberGraph.Tencent.Sandbox;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.WeChat;

public static class WeChatServiceCollectionExtensions
{
    /// <summary>The mini-program API client (a typed <see cref="HttpClient"/>) and its access-token cache.</summary>
    public static IServiceCollection AddWeChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WeChatOptions>(configuration.GetSection(WeChatOptions.Section));
        services.AddSingleton<WeChatAccessTokens>();
        services.AddHttpClient<WeChatClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<WeChatOptions>>().Value;
                http.BaseAddress = new Uri(sp.TencentBaseUrl(options.BaseUrl, self => self.WeChatBaseUrl, WeChatOptions.PlatformUrl));
                http.Timeout = options.Timeout;
            })
            // The default HttpClient log lines carry the request URL, and WeChat wants the app secret and the
            // access token in the query string; WeChatClient logs what is useful without them.
            .RemoveAllLoggers();
        return services;
    }
}
