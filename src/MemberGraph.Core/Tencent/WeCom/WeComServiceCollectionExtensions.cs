using MemberGraph.Tencent.Sandbox;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.WeCom;

public static class WeComServiceCollectionExtensions
{
    /// <summary>WeCom options, the callback crypto, the shared access-token cache and the typed API client.</summary>
    public static IServiceCollection AddWeCom(this IServiceCollection services)
    {
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section)
            .Validate(wecom => wecom.CallbackMaxAge > TimeSpan.Zero && wecom.CallbackEventRetention >= 2 * wecom.CallbackMaxAge,
                "WeCom:CallbackEventRetention must be at least twice WeCom:CallbackMaxAge (> 0): purging younger replay keys would let a recorded callback be replayed.")
            .ValidateOnStart();
        services.AddSingleton<WeComCallbackCrypto>();
        services.AddSingleton<WeComAccessTokenCache>();
        services.AddSingleton<WeComJsApiTickets>();
        services.AddTransient<WeComJsSdkSigner>();
        services.AddHttpClient<WeComClient>((sp, http) =>
        {
            var settings = sp.GetRequiredService<IOptions<WeComOptions>>().Value;
            http.BaseAddress = new Uri(sp.TencentBaseUrl(settings.BaseUrl, self => self.WeComBaseUrl, WeComOptions.PlatformUrl));

            // WeComClient applies WeCom:Timeout per call; this is only the outer bound.
            http.Timeout = settings.Timeout + TimeSpan.FromSeconds(5);
        });
        return services;
    }
}
