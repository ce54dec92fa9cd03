using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MemberGraph.Partners;

/// <summary>
/// <c>POST /oauth/token</c>, the token endpoint of the client-credentials grant (RFC 6749 §3.2, §4.4): a form-encoded
/// body, answers in JSON that no cache keeps (<c>Cache-Control: no-store</c>, <c>Pragma: no-cache</c>, §5.1), errors as
/// §5.2 bodies. What the request must say and how the partner is authenticated: <see cref="ClientCredentialsRequest"/>
/// and <see cref="PartnerTokenService"/>.
/// </summary>
public static class PartnerTokenEndpoints
{
    public const string Path = "/oauth/token";
    public const string Realm = "membergraph";
    private const string FormMediaType = "application/x-www-form-urlencoded";

    public static WebApplication MapPartnerTokenEndpoint(this WebApplication app)
    {
        app.Map(Path, HandleAsync); // every method: anything but POST is answered as the RFC's invalid_request
        return app;
    }

    private static async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, OAuthError.InvalidRequest("The token endpoint takes POST (RFC 6749 section 3.2)."));
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals(FormMediaType, StringComparison.OrdinalIgnoreCase))
        {
            await WriteErrorAsync(http, OAuthError.InvalidRequest($"The body is {FormMediaType} (RFC 6749 section 4.4.2)."));
            return;
        }

        if (request.Headers.Authorization.Count > 1)
        {
            await WriteErrorAsync(http, OAuthError.InvalidRequest("One Authorization header at most."));
            return;
        }

        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form;
        try
        {
            // Small limits: a token request is a handful of short parameters.
            using var reader = new FormReader(request.Body) { ValueCountLimit = 20, KeyLengthLimit = 64, ValueLengthLimit = 2048 };
            form = await reader.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            await WriteErrorAsync(http, OAuthError.InvalidRequest("The body is not a form of a few short parameters."));
            return;
        }

        var parameters = form.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Select(v => v ?? "").ToList(), StringComparer.Ordinal);
        var (tokenRequest, refusal) = ClientCredentialsRequest.Read(request.Headers.Authorization.FirstOrDefault(), parameters);
        if (tokenRequest is null)
        {
            await WriteErrorAsync(http, refusal!);
            return;
        }

        var (token, error) = await http.RequestServices.GetRequiredService<PartnerTokenService>().IssueAsync(tokenRequest, http.RequestAborted);
        if (token is null)
        {
            await WriteErrorAsync(http, error!);
            return;
        }

        await WriteAsync(http, StatusCodes.Status200OK, new Dictionary<string, object>
        {
            ["access_token"] = token.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = token.ExpiresIn,
            ["scope"] = token.Scope,
        });
    }

    private static Task WriteErrorAsync(HttpContext http, OAuthError error)
    {
        if (error.Challenges)
        {
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        }

        return WriteAsync(http, error.Status, new Dictionary<string, object> { ["error"] = error.Error, ["error_description"] = error.Description });
    }

    private static async Task WriteAsync(HttpContext http, int status, Dictionary<string, object> body)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, body, cancellationToken: http.RequestAborted);
    }
}
