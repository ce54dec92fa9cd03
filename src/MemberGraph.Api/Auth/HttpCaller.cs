using System.Security.Claims;

namespace MemberGraph.Auth;

/// <summary>
/// The request's caller, read from its principal's claims once: the rate limits and the GraphQL endpoint both ask for it.
/// Kept with the principal it was read from, so a principal replaced later in the pipeline is read again.
/// </summary>
public static class HttpCaller
{
    private static readonly object Key = new();

    public static Caller Caller(this HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var kept) && kept is Read read && ReferenceEquals(read.Principal, http.User))
        {
            return read.Caller;
        }

        var caller = MemberGraph.Auth.Caller.From(http.User);
        http.Items[Key] = new Read(http.User, caller);
        return caller;
    }

    private sealed record Read(ClaimsPrincipal Principal, Caller Caller);
}
