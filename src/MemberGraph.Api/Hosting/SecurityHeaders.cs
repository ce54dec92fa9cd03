namespace MemberGraph.Hosting;

/// <summary>The <c>SecurityHeaders:*</c> section.</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "SecurityHeaders";

    /// <summary>
    /// The <c>Strict-Transport-Security</c> value sent on every answer (appsettings.Production.json: one year); none when
    /// empty. Sent whatever the request's scheme, since HTTPS usually ends at a proxy in front of the gateway; browsers
    /// ignore it on plain HTTP.
    /// </summary>
    public string StrictTransportSecurity { get; set; } = "";
}

/// <summary>
/// Headers on every answer of the gateway, in every environment: it serves JSON for programs, so nothing it answers is
/// to be sniffed, framed, refer anywhere or load anything (<c>Content-Security-Policy: default-src 'none'</c>; the
/// query page at <c>GET /graphql</c> sends its own, allowing exactly its inline script and style). GraphQL answers hold
/// personal data: <c>Cache-Control: no-store</c>. The H5 pages (WeCom sidebar, store tool) are served by their own
/// servers, so <c>X-Frame-Options: DENY</c> here frames nothing of theirs out.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static WebApplication UseMemberGraphSecurityHeaders(this WebApplication app)
    {
        var hsts = app.Configuration.GetSection(SecurityHeadersOptions.Section).Get<SecurityHeadersOptions>()?.StrictTransportSecurity;
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
            if (!string.IsNullOrWhiteSpace(hsts))
            {
                headers.StrictTransportSecurity = hsts;
            }

            if (http.Request.Path.StartsWithSegments("/graphql"))
            {
                headers.CacheControl = "no-store";
            }

            return next(http);
        });
        return app;
    }
}
