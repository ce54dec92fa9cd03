using System.Buffers.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MemberGraph.Auth;

/// <summary>
/// The JWT handler of the token contract, for the HTTP bearer middleware and WebSocket <c>connection_init</c> alike:
/// everything <see cref="JsonWebTokenHandler"/> checks, plus two things it lets through —
/// <list type="bullet">
/// <item>a <c>crit</c> header: it names extensions the recipient must understand or refuse the token (RFC 7515
/// §4.1.11); this gateway implements none, so any <c>crit</c> is refused;</item>
/// <item>an <c>exp</c> further away than <see cref="AuthOptions.MaxTokenLifetime"/>: whoever holds the key could
/// otherwise mint a token that never expires (one arrived with the year 33658).</item>
/// </list>
/// </summary>
public sealed class BearerTokenHandler(TimeSpan maxLifetime) : JsonWebTokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return result;
        }

        if (HasCriticalHeader(jwt))
        {
            return Refused("The token has a 'crit' header; this gateway implements no JWS extension and refuses such tokens (RFC 7515 §4.1.11).");
        }

        // The clock the base class checked exp and nbf against (the real one: tests that move the gateway's
        // TimeProvider still present tokens minted by the real clock).
        if (jwt.ValidTo - DateTime.UtcNow > maxLifetime + validationParameters.ClockSkew)
        {
            return Refused($"The token expires at {jwt.ValidTo:O}, beyond the longest lifetime this gateway accepts (Auth:MaxTokenLifetime, {maxLifetime}).");
        }

        return result;
    }

    private static bool HasCriticalHeader(JsonWebToken jwt)
    {
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedHeader));
            return header.RootElement.ValueKind != JsonValueKind.Object || header.RootElement.TryGetProperty("crit", out _);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return true;
        }
    }

    private static TokenValidationResult Refused(string reason) =>
        new() { IsValid = false, Exception = new SecurityTokenValidationException(reason) };
}
