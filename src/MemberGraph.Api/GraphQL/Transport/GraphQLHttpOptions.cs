namespace MemberGraph.GraphQL.Transport;

/// <summary>The <c>GraphQL:*</c> section: request limits of the HTTP and WebSocket transports.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
    public int MaxDepth { get; set; } = 12;
    public int MaxComplexity { get; set; } = 50_000;
    public int MaxDocumentCacheEntries { get; set; } = 2_000;
    public int MaxQueryLength { get; set; } = 64 * 1024;
}
