using System.Security.Claims;
using MemberGraph.Domain;

namespace MemberGraph.Auth;

/// <summary>
/// Who is calling, read once from the validated token: the role and the subject's ids (decoded from the
/// opaque global ids the token carries). Anonymous callers have no role.
/// </summary>
public sealed record Caller(string Subject, string? Role, long? MemberId, long? GuideId, long? StoreId, long? PartnerId, IReadOnlySet<string> Scopes)
{
    public static readonly Caller Anonymous = new("anonymous", null, null, null, null, null, new HashSet<string>());

    /// <summary>
    /// A partner token's secret version (<see cref="ClaimNames.PartnerSecretVersion"/>); null in tokens minted elsewhere
    /// (<c>dev-token</c>), which are bound to no secret.
    /// </summary>
    public int? PartnerSecretVersion { get; init; }

    public bool IsAuthenticated => Role is not null;

    public bool Is(string role) => Role == role;

    public static Caller From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var role = principal.FindFirst(ClaimNames.Role)?.Value;
        if (role is null || !Roles.All.Contains(role))
        {
            return Anonymous;
        }

        var scopes = (principal.FindFirst(ClaimNames.Scope)?.Value ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);

        return new Caller(
            principal.FindFirst(ClaimNames.Subject)?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? role,
            role,
            GlobalId.TryDecode(principal.FindFirst(ClaimNames.MemberId)?.Value, "Member"),
            GlobalId.TryDecode(principal.FindFirst(ClaimNames.GuideId)?.Value, "Guide"),
            GlobalId.TryDecode(principal.FindFirst(ClaimNames.StoreId)?.Value, "Store"),
            GlobalId.TryDecode(principal.FindFirst(ClaimNames.PartnerId)?.Value, "Partner"),
            scopes)
        {
            PartnerSecretVersion = int.TryParse(principal.FindFirst(ClaimNames.PartnerSecretVersion)?.Value, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null,
        };
    }
}
