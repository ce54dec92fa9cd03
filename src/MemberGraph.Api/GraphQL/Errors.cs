using GraphQL;

namespace MemberGraph.GraphQL;

/// <summary>The <c>extensions.code</c> values of request-level GraphQL errors (not payload user errors).</summary>
public static class ErrorCodes
{
    public const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";
    public const string NotAuthorized = "AUTH_NOT_AUTHORIZED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string NotFound = "NOT_FOUND";
    public const string PageSizeExceeded = "PAGE_SIZE_EXCEEDED";

    /// <summary>An <c>after</c> cursor this API did not give out: garbage, negative, or not in the exact form it writes.</summary>
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string Internal = "INTERNAL_SERVER_ERROR";
    public const string UpstreamUnavailable = "UPSTREAM_UNAVAILABLE";

    /// <summary>A segment expression that cannot be read or names something that does not exist; <c>extensions.position</c> says where.</summary>
    public const string SegmentExpressionInvalid = "SEGMENT_EXPRESSION_INVALID";

    /// <summary>A dynamic member code whose signature is right but whose lifetime has passed: ask the member to refresh it.</summary>
    public const string MemberCodeExpired = "MEMBER_CODE_EXPIRED";

    /// <summary>A string that is not a member code this gateway signed (mistyped, tampered with, or from another key).</summary>
    public const string MemberCodeInvalid = "MEMBER_CODE_INVALID";
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

    public static GraphQLRequestError NotAuthorized(string? what = null) =>
        new(ErrorCodes.NotAuthorized, what is null ? "You are not allowed to see or change this." : $"You are not allowed to {what}.");

    public static GraphQLRequestError BadInput(string message) => new(ErrorCodes.BadUserInput, message);
}
