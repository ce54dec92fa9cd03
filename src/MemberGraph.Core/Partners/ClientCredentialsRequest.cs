using System.Net;
using System.Text;

namespace MemberGraph.Partners;

/// <summary>
/// A token request of the client-credentials grant (RFC 6749 §4.4.2), read from what the HTTP endpoint received: the
/// <c>Authorization</c> header and the form parameters (each with every value it was given). It applies the request
/// rules of the RFC: no parameter twice (§3.2), an empty parameter is an absent one (§3.1), unknown parameters are
/// ignored (§3.1), one way of client authentication — HTTP Basic with the form-encoded client id and secret (§2.3.1)
/// or <c>client_id</c> and <c>client_secret</c> in the body — never both (§2.3).
/// </summary>
public sealed record ClientCredentialsRequest(string ClientId, string ClientSecret, IReadOnlyList<string>? Scopes)
{
    public const string GrantType = "client_credentials";

    public static (ClientCredentialsRequest? Request, OAuthError? Error) Read(
        string? authorization, IReadOnlyDictionary<string, IReadOnlyList<string>> form)
    {
        if (form.FirstOrDefault(p => p.Value.Count > 1) is { Key: { } repeated })
        {
            return (null, OAuthError.InvalidRequest($"The parameter {repeated} is given more than once (RFC 6749 section 3.2)."));
        }

        var grantType = Value(form, "grant_type");
        if (grantType is null)
        {
            return (null, OAuthError.InvalidRequest("grant_type is missing: this endpoint serves grant_type=client_credentials."));
        }

        if (grantType != GrantType)
        {
            return (null, OAuthError.UnsupportedGrantType($"This endpoint serves only grant_type={GrantType}."));
        }

        var bodyId = Value(form, "client_id");
        var bodySecret = Value(form, "client_secret");
        string? clientId;
        string? secret;
        if (authorization is not null)
        {
            if (bodyId is not null || bodySecret is not null)
            {
                return (null, OAuthError.InvalidRequest(
                    "Authenticate one way only: HTTP Basic or client_id and client_secret in the body, not both."));
            }

            if (!TryReadBasic(authorization, out clientId, out secret))
            {
                return (null, OAuthError.InvalidClient("The Authorization header is not HTTP Basic with the form-encoded client id and secret."));
            }
        }
        else
        {
            (clientId, secret) = (bodyId, bodySecret);
            if (clientId is null || secret is null)
            {
                return (null, OAuthError.InvalidClient("Client authentication is missing: HTTP Basic, or client_id and client_secret in the body."));
            }
        }

        var scopes = Value(form, "scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (new ClientCredentialsRequest(clientId, secret, scopes is { Length: > 0 } ? scopes : null), null);
    }

    /// <summary>The single value of a parameter; null when absent or empty.</summary>
    private static string? Value(IReadOnlyDictionary<string, IReadOnlyList<string>> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 && values[0].Length > 0 ? values[0] : null;

    /// <summary>RFC 7617 Basic credentials whose user-id and password are the form-encoded client id and secret (RFC 6749 §2.3.1).</summary>
    private static bool TryReadBasic(string authorization, out string clientId, out string secret)
    {
        clientId = secret = "";
        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(authorization[scheme.Length..].Trim()));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        clientId = WebUtility.UrlDecode(decoded[..colon]);
        secret = WebUtility.UrlDecode(decoded[(colon + 1)..]);
        return clientId.Length > 0 && secret.Length > 0;
    }
}
