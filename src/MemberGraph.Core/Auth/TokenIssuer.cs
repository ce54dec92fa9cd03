using System.Security.Claims;
using MemberGraph.Domain;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MemberGraph.Auth;

/// <summary>What a token is issued for; ids are internal keys, written into the token as global ids.</summary>
public sealed record TokenSubject(
    string Role, long? MemberId = null, long? GuideId = null, long? StoreId = null, long? PartnerId = null, string? Scope = null,
    int? PartnerSecretVersion = null);

/// <summary>Issues the gateway's own HS256 tokens after WeChat / WeCom / staff / partner sign-in.</summary>
public sealed class TokenIssuer(SigningKey key, IOptions<AuthOptions> options, TimeProvider clock)
{
    public IssuedToken Issue(TokenSubject subject, TimeSpan? lifetime = null)
    {
        var auth = options.Value;
        var now = clock.GetUtcNow();
        var expires = now + (lifetime ?? (subject.Role == Roles.Member ? auth.MemberTokenLifetime : auth.StaffTokenLifetime));

        var claims = new Dictionary<string, object> { [ClaimNames.Role] = subject.Role };
        AddId(claims, ClaimNames.MemberId, "Member", subject.MemberId);
        AddId(claims, ClaimNames.GuideId, "Guide", subject.GuideId);
        AddId(claims, ClaimNames.StoreId, "Store", subject.StoreId);
        AddId(claims, ClaimNames.PartnerId, "Partner", subject.PartnerId);
        if (!string.IsNullOrWhiteSpace(subject.Scope))
        {
            claims[ClaimNames.Scope] = subject.Scope;
        }

        if (subject.PartnerSecretVersion is { } version)
        {
            claims[ClaimNames.PartnerSecretVersion] = version;
        }

        claims[ClaimNames.Subject] = claims.TryGetValue(ClaimNames.MemberId, out var m) ? m
            : claims.TryGetValue(ClaimNames.GuideId, out var g) ? g
            : claims.TryGetValue(ClaimNames.PartnerId, out var p) ? p
            : claims.TryGetValue(ClaimNames.StoreId, out var s) ? $"{subject.Role}@{s}"
            : subject.Role;

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        };

        return new IssuedToken(new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }

    private static void AddId(Dictionary<string, object> claims, string name, string type, long? id)
    {
        if (id is { } value)
        {
            claims[name] = GlobalId.Encode(type, value);
        }
    }
}

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);
