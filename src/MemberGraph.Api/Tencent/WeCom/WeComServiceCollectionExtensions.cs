using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.WeCom;

public static class WeComServiceCollectionExtensions
{
    /// <summary>WeCom options, the callback crypto, the shared access-token cache and the typed API client.</summary>
    public static IServiceCollection AddWeCom(this IServiceCollection services)
    {
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section);
        services.AddSingleton<WeComCallbackCrypto>();
        services.AddSingleton<WeComAccessTokenCache>();
        services.AddHttpClient<WeComClient>((sp, http) =>
        {
            var settings = sp.GetRequiredService<IOptions<WeComOptions>>().Value;
            http.BaseAddress = new Uri(settings.BaseUrl.TrimEnd('/') + "/");

            // WeComClient applies WeCom:Timeout per call; this is only the outer bound.
            http.Timeout = settings.Timeout + TimeSpan.FromSeconds(5);
        });
        return services;
    }
}
