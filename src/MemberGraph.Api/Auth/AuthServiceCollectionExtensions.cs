using MemberGraph.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MemberGraph.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// JWT bearer validation of the token contract: HS256, issuer, audience, lifetime (at most Auth:MaxTokenLifetime
    /// left), no <c>crit</c> header, no claim renaming.
    /// </summary>
    public static IServiceCollection AddMemberGraphAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(auth => auth.MemberTokenLifetime <= auth.MaxTokenLifetime && auth.StaffTokenLifetime <= auth.MaxTokenLifetime,
                "Auth:MemberTokenLifetime and Auth:StaffTokenLifetime must not exceed Auth:MaxTokenLifetime: the gateway would issue tokens it refuses.")
            .ValidateOnStart();
        services.AddSingleton(sp => SigningKey.Resolve(sp.GetRequiredService<IOptions<AuthOptions>>().Value.SigningKey, sp.GetRequiredService<DataFolder>()));
        services.AddSingleton<TokenIssuer>();
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
