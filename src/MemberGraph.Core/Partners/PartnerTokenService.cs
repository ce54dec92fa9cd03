using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Tencent.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Partners;

/// <summary>A successful token response (RFC 6749 §5.1): the token, its lifetime in seconds and the scopes granted.</summary>
public sealed record PartnerAccessToken(string AccessToken, int ExpiresIn, string Scope);

/// <summary>
/// The client-credentials grant (RFC 6749 §4.4): authenticates the partner by its client id and secret, narrows the
/// scopes to those asked for (all the partner may hold when none are asked), and issues a partner token like the
/// gateway's other tokens (<see cref="TokenIssuer"/>): <c>role=partner</c>, <c>partner_id</c>, <c>scope</c> and the
/// secret version it was issued under, for <c>Partners:TokenMinutes</c>.
/// </summary>
public sealed class PartnerTokenService(
    IDbContextFactory<MemberGraphDb> factory,
    TokenIssuer tokens,
    IOptions<PartnerOptions> options,
    TencentSandboxMode sandbox,
    ILogger<PartnerTokenService> logger)
{
    public async Task<(PartnerAccessToken? Token, OAuthError? Error)> IssueAsync(
        ClientCredentialsRequest request, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.ClientId == request.ClientId, cancellationToken);

        // An unknown client id and a wrong secret cost the same and read the same.
        if (!PartnerSecret.Matches(request.ClientSecret, partner?.SecretHash) || partner is null)
        {
            return (null, OAuthError.InvalidClient("Unknown client or wrong secret."));
        }

        if (partner.Status != PartnerStatus.Active)
        {
            return (null, OAuthError.InvalidClient("This partner is suspended."));
        }

        if (!sandbox.Enabled && DemoPartners.IsDocumentedSecret(request.ClientSecret))
        {
            logger.LogWarning("Partner {ClientId} signed in with the demo's published secret outside the sandbox: refused; rotate its secret",
                partner.ClientId);
            return (null, OAuthError.InvalidClient(
                "The demo's published secret works only in the Tencent sandbox: an admin rotates this partner's secret."));
        }

        var allowed = PartnerScopes.Parse(partner.Scopes);
        var granted = new List<PartnerScope>();
        foreach (var word in request.Scopes ?? allowed.Select(PartnerScopes.Word).ToList())
        {
            if (!PartnerScopes.TryParse(word, out var scope) || !allowed.Contains(scope))
            {
                return (null, OAuthError.InvalidScope($"This partner may hold {partner.Scopes}; {Printable(word)} is not among them."));
            }

            granted.Add(scope);
        }

        var scopeText = PartnerScopes.Format(granted);
        var minutes = options.Value.TokenMinutes;
        var issued = tokens.Issue(
            new TokenSubject(Roles.Partner, PartnerId: partner.Id, Scope: scopeText, PartnerSecretVersion: partner.SecretVersion),
            TimeSpan.FromMinutes(minutes));
        return (new PartnerAccessToken(issued.Token, minutes * 60, scopeText), null);
    }

    /// <summary>A scope word as it may appear in an error description (RFC 6749 §5.2: printable ASCII without quote and backslash).</summary>
    private static string Printable(string word)
    {
        var shown = new string(word.Take(40).Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '?').ToArray());
        return shown.Length == 0 ? "an empty scope" : shown;
    }
}
