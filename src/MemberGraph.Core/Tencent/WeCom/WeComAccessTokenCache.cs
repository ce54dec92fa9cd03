namespace MemberGraph.Tencent.WeCom;

/// <summary>
/// The corp's access token, shared by every call of this gateway instance and fetched again shortly before it
/// expires (WeCom rate-limits <c>gettoken</c>). One fetch at a time: concurrent callers wait for it.
/// </summary>
public sealed class WeComAccessTokenCache(TimeProvider clock)
{
    private static readonly TimeSpan MaxMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _refreshAt;

    /// <summary>
    /// The cached token, or a fresh one from <paramref name="fetch"/>. <paramref name="rejected"/> is a token WeCom
    /// just refused: it is replaced unless another caller replaced it already.
    /// </summary>
    public async Task<WeComResult<string>> GetAsync(Func<CancellationToken, Task<WeComResult<WeComTokenResponse>>> fetch, string? rejected, CancellationToken cancellationToken)
    {
        if (Current(rejected) is { } cached)
        {
            return WeComResult<string>.Ok(cached);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Current(rejected) is { } refreshed)
            {
                return WeComResult<string>.Ok(refreshed);
            }

            var result = await fetch(cancellationToken);
            if (!result.Succeeded)
            {
                return result.Failure!;
            }

            var response = result.Value!;
            if (string.IsNullOrEmpty(response.AccessToken) || response.ExpiresIn <= 0)
            {
                return WeComFailure.Unavailable("gettoken answered without a token.");
            }

            var lifetime = TimeSpan.FromSeconds(response.ExpiresIn);
            var margin = lifetime / 2 < MaxMargin ? lifetime / 2 : MaxMargin;
            _token = response.AccessToken;
            _refreshAt = clock.GetUtcNow() + lifetime - margin;
            return WeComResult<string>.Ok(_token);
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Current(string? rejected)
    {
        var token = Volatile.Read(ref _token);
        return token is not null && token != rejected && clock.GetUtcNow() < _refreshAt ? token : null;
    }
}
