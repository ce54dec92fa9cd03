namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// The <c>extensions.code</c> of every request the transport refuses before or instead of executing it,
/// so a client can tell "fix the request" from "fix the query" from "you may not".
/// </summary>
public static class TransportErrorCodes
{
    /// <summary>
    /// 429: a rate limit (<c>RateLimits:*</c>) was reached; <c>Retry-After</c> and <c>extensions.retryAfter</c> say when to try again.
    /// </summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>405: a method other than GET or POST.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>405: a mutation or subscription sent with GET.</summary>
    public const string MutationOverGet = GraphQLExecutor.MutationOverGetCode;

    /// <summary>406: the Accept header allows neither JSON media type.</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    /// <summary>415: a POST body that is not <c>application/json</c> in UTF-8.</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>413: a body above <c>GraphQL:MaxRequestBodyBytes</c>.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>408: the body arrived slower than the server's minimum data rate.</summary>
    public const string RequestTimeout = "REQUEST_TIMEOUT";

    /// <summary>400: a query text above <c>GraphQL:MaxQueryLength</c> characters.</summary>
    public const string QueryTooLong = "QUERY_TOO_LONG";

    /// <summary>400: a lone UTF-16 surrogate in a string (JSON or GraphQL escape), or a query string that is not UTF-8.</summary>
    public const string InvalidString = "INVALID_STRING";

    /// <summary>400: the body is not JSON.</summary>
    public const string InvalidJson = "INVALID_JSON";

    /// <summary>400: a JSON body that is not a GraphQL request (wrong parameter types).</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    /// <summary>400: no body at all.</summary>
    public const string EmptyBody = "EMPTY_BODY";

    /// <summary>400: no <c>query</c> parameter.</summary>
    public const string MissingQuery = "MISSING_QUERY";

    /// <summary>400: GET <c>variables</c> or <c>extensions</c> that are not JSON objects.</summary>
    public const string InvalidVariables = "INVALID_VARIABLES";

    /// <summary>Validation: the operation nests fields deeper than <c>GraphQL:MaxDepth</c>.</summary>
    public const string QueryTooDeep = "QUERY_TOO_DEEP";

    /// <summary>Validation: the operation's estimated cost is above <c>GraphQL:MaxComplexity</c>.</summary>
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";

    /// <summary>Validation: the query text has more than <c>GraphQL:MaxTokens</c> tokens (counted before parsing).</summary>
    public const string TooManyTokens = "TOO_MANY_TOKENS";

    /// <summary>Validation: the operation has more than <c>GraphQL:MaxAliases</c> aliased fields, counted through fragments.</summary>
    public const string TooManyAliases = "TOO_MANY_ALIASES";

    /// <summary>Validation: one location carries more than <c>GraphQL:MaxDirectivesPerLocation</c> directives.</summary>
    public const string TooManyDirectives = "TOO_MANY_DIRECTIVES";

    /// <summary>Validation: the operation selects more than <c>GraphQL:MaxRootFields</c> root fields, counted through fragments.</summary>
    public const string TooManyRootFields = "TOO_MANY_ROOT_FIELDS";

    /// <summary>Validation: one selection set repeats a field (response name) more than <c>GraphQL:MaxFieldRepeats</c> times.</summary>
    public const string TooManyFieldRepeats = "TOO_MANY_FIELD_REPEATS";

    /// <summary>
    /// A <c>documentId</c> (or APQ <c>persistedQuery.sha256Hash</c>) no trusted document has, sent without the text. The code of
    /// Apollo's automatic persisted queries, so its clients send the text next; 400 as a request that never executed.
    /// </summary>
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";

    /// <summary>With <c>GraphQL:TrustedDocumentsOnly</c>: a member, guide, staff or anonymous request whose text is no trusted document.</summary>
    public const string TrustedDocumentRequired = "TRUSTED_DOCUMENT_REQUIRED";

    /// <summary>A document id sent with a text that is not that document.</summary>
    public const string TrustedDocumentMismatch = "TRUSTED_DOCUMENT_MISMATCH";
}
