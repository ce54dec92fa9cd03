using MemberGraph.Domain;

namespace MemberGraph.Tencent.WeChat;

/// <summary>
/// The mini-program's access token from <c>cgi-bin/stable_token</c>, kept in memory until shortly before it
/// expires. One refresh at a time: callers arriving during a refresh wait for it and share its token.
/// </summary>
public sealed class WeChatAccessTokens(TimeProvider clock) : IDisposable
{
    /// <summary>Refresh this long before expiry (the platform itself renews the stable token 5 minutes early).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _current;

    /// <summary>
    /// A token that is still fresh and is not <paramref name="rejected"/> (the one the platform just refused),
    /// fetching a new one with <paramref name="fetch"/> when there is none.
    /// </summary>
    public async Task<Outcome<string>> GetAsync(Func<CancellationToken, Task<Outcome<(string Token, int ExpiresIn)>>> fetch, string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(_current, rejected) is { } token)
        {
            return Outcome<string>.Ok(token);
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_current, rejected) is { } refreshed)
            {
                return Outcome<string>.Ok(refreshed);
            }

            var fetched = await fetch(cancellationToken);
            if (!fetched.Succeeded)
            {
                return fetched.Error!;
            }

            var (value, expiresIn) = fetched.Value;
            var lifetime = TimeSpan.FromSeconds(expiresIn);
            var margin = lifetime > 2 * Margin ? Margin : lifetime / 2;
            _current = new CachedToken(value, clock.GetUtcNow() + lifetime - margin);
            return Outcome<string>.Ok(value);
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private string? Usable(CachedToken? token, string? rejected) =>
        token is not null && token.Value != rejected && token.RefreshAt > clock.GetUtcNow() ? token.Value : null;

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}
