namespace MemberGraph.Hosting.RateLimiting;

/// <summary>
/// The <c>RateLimits:*</c> section. Off unless <see cref="Enabled"/> (appsettings.Production.json turns it on); each limit is
/// a fixed window per partition, kept in this instance's memory (N instances behind a balancer allow up to N times as much).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; }

    /// <summary>
    /// Per client address: the sign-in mutations — those open to callers without a token (<c>signInWithWeChat</c>,
    /// <c>signInWithWeCom</c>) — counted together; <c>POST /oauth/token</c> gets the same allowance, counted apart. Members
    /// behind a carrier's NAT or a store's Wi-Fi share an address, so this is generous.
    /// </summary>
    public RateLimitWindow SignIn { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Per token subject (role and <c>sub</c>): every mutation of a signed-in caller, over HTTP and WebSocket.</summary>
    public RateLimitWindow Mutations { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Per client address: every HTTP request to <c>/graphql</c> (a WebSocket counts once, at its upgrade) and <c>/oauth/token</c>.
    /// </summary>
    public RateLimitWindow Requests { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Roles exempt from <see cref="Mutations"/> and <see cref="Requests"/>, separated by spaces or commas: channel
    /// integrations (<c>ingestion</c>) record orders in bulk from one server with a key-held token.
    /// </summary>
    public string ExemptRoles { get; set; } = "ingestion";

    public IReadOnlySet<string> ExemptRoleSet() =>
        ExemptRoles.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>At most <see cref="PermitLimit"/> requests in each <see cref="Window"/>.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public bool IsValid => PermitLimit > 0 && Window > TimeSpan.Zero;
}
