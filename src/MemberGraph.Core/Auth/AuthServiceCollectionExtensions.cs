using MemberGraph.Data;
using Microsoft.Extensions.Options;

namespace MemberGraph.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// The token contract's options (section <c>Auth</c>), its signing key and the <see cref="TokenIssuer"/> sign-in
    /// services use. Validating bearer tokens is the transport's (<c>AddBearerAuthentication</c> in MemberGraph.Api).
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
        return services;
    }
}
