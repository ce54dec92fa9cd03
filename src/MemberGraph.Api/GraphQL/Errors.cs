using GraphQL;
using MemberGraph.Domain;

namespace MemberGraph.GraphQL;

/// <summary>
/// The <c>extensions.code</c> values of request-level GraphQL errors (not payload user errors). The domain's own
/// (<see cref="RefusalCodes"/>) are named here too, so the API has one list; paging, masking and upstream codes are
/// the API's. The transports' codes are in <see cref="Transport.TransportErrorCodes"/>.
/// </summary>
public static class ErrorCodes
{
    public const string NotAuthenticated = RefusalCodes.NotAuthenticated;
    public const string NotAuthorized = RefusalCodes.NotAuthorized;
    public const string BadUserInput = RefusalCodes.BadUserInput;
    public const string NotFound = RefusalCodes.NotFound;
    public const string PageSizeExceeded = "PAGE_SIZE_EXCEEDED";

    /// <summary>An <c>after</c> cursor this API did not give out: garbage, negative, or not in the exact form it writes.</summary>
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string Internal = "INTERNAL_SERVER_ERROR";
    public const string UpstreamUnavailable = "UPSTREAM_UNAVAILABLE";

    public const string SegmentExpressionInvalid = RefusalCodes.SegmentExpressionInvalid;
    public const string MemberCodeExpired = RefusalCodes.MemberCodeExpired;
    public const string MemberCodeInvalid = RefusalCodes.MemberCodeInvalid;
}

/// <summary>A GraphQL error meant for the client: its message and code are shown as they are.</summary>
public sealed class GraphQLRequestError : ExecutionError
{
    public GraphQLRequestError(string code, string message) : base(message) => Code = code;

    public GraphQLRequestError(string code, string message, IReadOnlyDictionary<string, object?> details) : this(code, message) => Details = details;

    /// <summary>Extra <c>extensions</c> entries for the client (e.g. the position of a syntax error).</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; }

    public static GraphQLRequestError NotAuthenticated() =>
        new(ErrorCodes.NotAuthenticated, "Sign in first: this field needs a valid bearer token.");

    public static GraphQLRequestError NotAuthorized(string? what = null) => From(RequestRefusedException.NotAuthorized(what));

    public static GraphQLRequestError BadInput(string message) => From(RequestRefusedException.BadInput(message));

    /// <summary>A service's refusal as the client sees it: its code and its message, unchanged.</summary>
    public static GraphQLRequestError From(RequestRefusedException refusal) => new(refusal.Code, refusal.Message);
}
