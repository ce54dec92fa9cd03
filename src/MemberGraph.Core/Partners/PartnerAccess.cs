using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>
/// Whether a partner token still stands, checked on every partner request (nothing is cached across requests): the
/// partner exists, is active, and — for tokens from <c>POST /oauth/token</c> — its secret is still the one the token was
/// issued under. A token minted by a holder of the signing key (<c>dev-token</c>) carries no secret version: it is bound
/// to no secret, so only suspension ends it before it expires.
/// </summary>
public static class PartnerAccess
{
    public const string RevokedMessage = "This partner token no longer stands: the partner's secret was rotated or the partner is suspended. " +
                                         "Get a new token at POST /oauth/token.";

    public static async Task<Partner> RequireCurrentAsync(MemberGraphDb db, Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.Is(Roles.Partner) || caller.PartnerId is not { } id)
        {
            throw RequestRefusedException.NotAuthorized("act for a partner without a partner id in the token");
        }

        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is not { Status: PartnerStatus.Active }
            || (caller.PartnerSecretVersion is { } version && version != partner.SecretVersion))
        {
            throw new RequestRefusedException(RefusalCodes.NotAuthenticated, RevokedMessage);
        }

        return partner;
    }

    /// <summary>As <see cref="RequireCurrentAsync(MemberGraphDb, Caller, CancellationToken)"/>, and the token must carry <paramref name="scope"/>.</summary>
    public static async Task<Partner> RequireCurrentAsync(MemberGraphDb db, Caller caller, PartnerScope scope, CancellationToken cancellationToken)
    {
        var partner = await RequireCurrentAsync(db, caller, cancellationToken);
        RequireScope(caller, scope);
        return partner;
    }

    /// <summary>Refuses (AUTH_NOT_AUTHORIZED) a token that was not granted <paramref name="scope"/>.</summary>
    public static void RequireScope(Caller caller, PartnerScope scope)
    {
        if (!caller.Scopes.Contains(PartnerScopes.Word(scope)))
        {
            throw RequestRefusedException.NotAuthorized($"do this without the scope {PartnerScopes.Word(scope)} in the token");
        }
    }
}
