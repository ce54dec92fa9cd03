using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace MemberGraph.Auth;

/// <summary>
/// Validates a bearer token outside the HTTP pipeline (WebSocket <c>connection_init</c>) with exactly the rules
/// of the JWT bearer middleware.
/// </summary>
public sealed class BearerTokenValidator(SigningKey key, IOptions<AuthOptions> options)
{
    private readonly BearerTokenHandler _handler = new(options.Value.MaxTokenLifetime) { MapInboundClaims = false };

    /// <summary>The caller and when the token expires; null when the token is not valid.</summary>
    public async Task<(Caller Caller, DateTime ExpiresAt)?> ValidateAsync(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }

        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : authorization.Trim();
        var result = await _handler.ValidateTokenAsync(token, BearerAuthenticationServiceCollectionExtensions.TokenValidation(key, options.Value));
        if (!result.IsValid)
        {
            return null;
        }

        var caller = Caller.From(new ClaimsPrincipal(result.ClaimsIdentity));
        return caller.IsAuthenticated ? (caller, result.SecurityToken.ValidTo) : null;
    }
}
