namespace MemberGraph.Partners;

/// <summary>
/// An error answer of the token endpoint (RFC 6749 §5.2): the <c>error</c> code, a description for the developer (ASCII
/// without quotes or backslashes, as §5.2 allows), and the HTTP status. <c>invalid_client</c> is a 401 with a
/// <c>WWW-Authenticate: Basic</c> challenge whichever way the client authenticated: §5.2 requires the challenge when
/// Basic was used, and HTTP (RFC 9110 §15.5.2) requires one on every 401; it also tells a client what to use.
/// </summary>
public sealed record OAuthError(string Error, string Description, int Status)
{
    public bool Challenges => Status == 401;

    public static OAuthError InvalidRequest(string description) => new("invalid_request", description, 400);

    public static OAuthError InvalidClient(string description) => new("invalid_client", description, 401);

    public static OAuthError InvalidScope(string description) => new("invalid_scope", description, 400);

    public static OAuthError UnsupportedGrantType(string description) => new("unsupported_grant_type", description, 400);
}
