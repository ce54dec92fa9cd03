using System.Threading.RateLimiting;
using MemberGraph.Auth;
using Microsoft.Extensions.Options;

namespace MemberGraph.Hosting.RateLimiting;

/// <summary>
/// The limits a GraphQL operation meets once its document is parsed (both transports): sign-ins by client address
/// (<c>RateLimits:SignIn</c>), a signed-in caller's mutations by token subject (<c>RateLimits:Mutations</c>). Queries and
/// subscriptions meet only the per-address request limit of the HTTP layer.
/// </summary>
public sealed class OperationRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _signIn;
    private readonly PartitionedRateLimiter<string>? _mutations;
    private readonly IReadOnlySet<string> _exemptRoles;

    public OperationRateLimiter(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _exemptRoles = limits.ExemptRoleSet();
        if (limits.Enabled)
        {
            _signIn = FixedWindows(limits.SignIn);
            _mutations = FixedWindows(limits.Mutations);
        }
    }

    public bool Enabled => _signIn is not null;

    public bool IsExempt(Caller caller) => caller.Role is { } role && _exemptRoles.Contains(role);

    /// <summary>
    /// Takes the permits a mutation needs: a sign-in (<paramref name="signsIn"/>) one of its address's, a signed-in caller's
    /// mutation one of its subject's (both for a sign-in sent with a token). The refusal — what was limited and how long to
    /// wait — when one is not granted.
    /// </summary>
    public (string What, TimeSpan? RetryAfter)? TryAcquireMutation(Caller caller, string clientAddress, bool signsIn)
    {
        if (_signIn is null || _mutations is null)
        {
            return null;
        }

        if (signsIn)
        {
            using var lease = _signIn.AttemptAcquire(clientAddress);
            if (!lease.IsAcquired)
            {
                return ("sign-ins from this address", RetryAfter(lease));
            }
        }

        if (caller.IsAuthenticated && !IsExempt(caller))
        {
            using var lease = _mutations.AttemptAcquire($"{caller.Role}:{caller.Subject}");
            if (!lease.IsAcquired)
            {
                return ("mutations by this caller", RetryAfter(lease));
            }
        }

        return null;
    }

    public void Dispose()
    {
        _signIn?.Dispose();
        _mutations?.Dispose();
    }

    internal static PartitionedRateLimiter<string> FixedWindows(RateLimitWindow window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Options(window)));

    internal static FixedWindowRateLimiterOptions Options(RateLimitWindow window) => new()
    {
        PermitLimit = window.PermitLimit,
        Window = window.Window,
        QueueLimit = 0, // refuse at once with Retry-After rather than hold the request open
        AutoReplenishment = true,
    };

    internal static TimeSpan? RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null;
}
