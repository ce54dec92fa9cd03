using GraphQL;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Transport;

namespace MemberGraph.Hosting.RateLimiting;

/// <summary>
/// How a rate limit refuses: HTTP 429 with <c>Retry-After</c> (whole seconds) and, for GraphQL, an error with
/// <c>extensions.code = RATE_LIMITED</c> and <c>extensions.retryAfter</c> (the same seconds; a WebSocket's <c>error</c> message
/// carries it too, since it has no headers). The seconds are what the limiter says: for a fixed window, the window's length
/// (it does not tell when the current window ends), so waiting that long is always enough.
/// </summary>
public static class RateLimitRefusal
{
    public const string RetryAfterExtension = "retryAfter";

    /// <summary>Whole seconds, at least 1; a limiter that does not say waits one second.</summary>
    public static int Seconds(TimeSpan? retryAfter) => retryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;

    public static GraphQLRequestError Error(string what, int seconds) =>
        new(TransportErrorCodes.RateLimited, $"Too many {what}: retry after {seconds} s.",
            new Dictionary<string, object?> { [RetryAfterExtension] = seconds });

    /// <summary>The seconds to wait when <paramref name="result"/> was refused by a rate limit; else null.</summary>
    public static int? RetryAfterOf(ExecutionResult result) =>
        result.Errors?.OfType<GraphQLRequestError>().FirstOrDefault(e => e.Code == TransportErrorCodes.RateLimited)
            ?.Details?.GetValueOrDefault(RetryAfterExtension) as int?;
}
