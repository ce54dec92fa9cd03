using Microsoft.Net.Http.Headers;

namespace MemberGraph.GraphQL.Transport;

/// <summary>Content negotiation of the GraphQL-over-HTTP spec: the two JSON answers and the browser page.</summary>
internal static class MediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The answer's media type by the Accept header (by quality, then order): <c>application/graphql-response+json</c>
    /// when asked for, <c>application/json</c> for it, <c>*/*</c>, <c>application/*</c> or no header; null when neither is acceptable.
    /// </summary>
    public static string? Negotiate(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return Json;
        }

        foreach (var candidate in accept.Where(a => a.Quality is null or > 0).OrderByDescending(a => a.Quality ?? 1))
        {
            var type = candidate.MediaType.Value;
            if (string.Equals(type, GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseJson;
            }

            if (string.Equals(type, Json, StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*")
            {
                return Json;
            }
        }

        return null;
    }

    /// <summary>A browser navigating to the endpoint: it names text/html (and sends no query to run).</summary>
    public static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.Quality is null or > 0 && a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for <c>application/json</c> without a charset or with UTF-8 (the only encoding the spec allows).</summary>
    public static bool IsJsonRequest(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
        parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase) &&
        (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
