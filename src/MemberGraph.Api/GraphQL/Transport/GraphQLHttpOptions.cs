namespace MemberGraph.GraphQL.Transport;

/// <summary>The <c>GraphQL:*</c> section: request limits of the HTTP and WebSocket transports.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest POST body; above it the answer is 413 <c>REQUEST_TOO_LARGE</c>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Longest query text in characters; above it the answer is 400 <c>QUERY_TOO_LONG</c> (nothing is parsed).</summary>
    public int MaxQueryLength { get; set; } = 64 * 1024;

    /// <summary>Deepest field nesting of an operation (<c>QUERY_TOO_DEEP</c>).</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>Highest estimated cost of an operation (<c>QUERY_TOO_COMPLEX</c>): each field costs 1, times the page sizes above it.</summary>
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>Deepest nesting of an operation that selects only introspection fields (the standard introspection query needs 15).</summary>
    public int MaxIntrospectionDepth { get; set; } = 20;

    /// <summary>Highest estimated cost of an introspection-only operation (the standard introspection query is estimated at about 413,000).</summary>
    public int MaxIntrospectionComplexity { get; set; } = 1_000_000;

    /// <summary>Parsed documents kept, counted in 4 KiB of query text (a small query is one entry).</summary>
    public int MaxDocumentCacheEntries { get; set; } = 2_000;
}
