using Microsoft.Extensions.Options;

namespace MemberGraph.Hosting;

/// <summary>The <c>Cors:*</c> section: the browser origins (H5 pages on other hosts) allowed to call <c>/graphql</c>.</summary>
public sealed class CorsAllowListOptions
{
    public const string Section = "Cors";

    /// <summary>Origins exactly as browsers send them (<c>https://h5.example.com</c>, a port where not the default); none by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// CORS for <c>/graphql</c> from an allow-list: preflights are answered (<c>GET</c>, <c>POST</c>; the <c>authorization</c>,
/// <c>content-type</c> and <c>accept</c> headers; cached 10 minutes) and answers carry <c>Access-Control-Allow-Origin</c>
/// only for a listed origin; <c>Retry-After</c> is exposed so a page can read a 429. No credentials: tokens travel in the
/// <c>authorization</c> header, never in cookies. Not on <c>/oauth/token</c>: a client secret belongs on a server, so no
/// page of another origin may read a token answer. WebSocket upgrades are not CORS requests; without cookies a page of
/// another origin gains nothing by opening one.
/// </summary>
public static class CorsAllowList
{
    public const string PolicyName = "h5-clients";

    public static IServiceCollection AddMemberGraphCors(this IServiceCollection services)
    {
        services.AddOptions<CorsAllowListOptions>().BindConfiguration(CorsAllowListOptions.Section)
            .Validate(o => o.AllowedOrigins.All(IsOrigin),
                "Cors:AllowedOrigins are origins: http(s), host and port only (https://h5.example.com), " +
                "without a path, a trailing slash or a wildcard.")
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<CorsAllowListOptions>>((cors, allowList) =>
            cors.AddPolicy(PolicyName, policy => policy
                .WithOrigins(allowList.Value.AllowedOrigins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders("authorization", "content-type", "accept")
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    public static WebApplication UseMemberGraphCors(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/graphql"), branch => branch.UseCors(PolicyName));
        return app;
    }

    /// <summary>What a browser sends as <c>Origin</c>: scheme and authority, nothing more.</summary>
    public static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && !origin.Contains('*', StringComparison.Ordinal)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase);
}
