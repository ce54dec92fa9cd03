using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MemberGraph.Auth;

public static class BearerAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// JWT bearer validation of the token contract: HS256, issuer, audience, lifetime (at most Auth:MaxTokenLifetime
    /// left), no <c>crit</c> header, no claim renaming. The options, key and issuer are Core's <c>AddMemberGraphAuth</c>.
    /// </summary>
    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<BearerTokenValidator>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey, IOptions<AuthOptions>>((jwt, key, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = TokenValidation(key, auth.Value);
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new BearerTokenHandler(auth.Value.MaxTokenLifetime) { MapInboundClaims = false });
            });
        services.AddAuthorization();
        return services;
    }

    public static TokenValidationParameters TokenValidation(SigningKey key, AuthOptions auth) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = auth.Issuer,
        ValidateAudience = true,
        ValidAudience = auth.Audience,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        IssuerSigningKey = key.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        NameClaimType = ClaimNames.Subject,
        RoleClaimType = ClaimNames.Role,
    };
}
