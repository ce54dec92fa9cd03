namespace MemberGraph.GraphQL.Transport;

/// <summary>The <c>GraphQL:*</c> section: request limits and trusted documents of the HTTP and WebSocket transports.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest POST body; above it the answer is 413 <c>REQUEST_TOO_LARGE</c>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Longest query text in characters; above it the answer is 400 <c>QUERY_TOO_LONG</c> (nothing is parsed).</summary>
    public int MaxQueryLength { get; set; } = 64 * 1024;

    /// <summary>Most lexical tokens in a query text, counted before it is parsed (<c>TOO_MANY_TOKENS</c>).</summary>
    public int MaxTokens { get; set; } = 3_000;

    /// <summary>Most aliased fields in an operation, counted through fragments (<c>TOO_MANY_ALIASES</c>).</summary>
    public int MaxAliases { get; set; } = 50;

    /// <summary>Most directives on one field, fragment, operation or variable (<c>TOO_MANY_DIRECTIVES</c>).</summary>
    public int MaxDirectivesPerLocation { get; set; } = 10;

    /// <summary>Most root fields in an operation, counted through fragments (<c>TOO_MANY_ROOT_FIELDS</c>).</summary>
    public int MaxRootFields { get; set; } = 50;

    /// <summary>How often one selection set may select the same response name (<c>TOO_MANY_FIELD_REPEATS</c>).</summary>
    public int MaxFieldRepeats { get; set; } = 10;

    /// <summary>Deepest field nesting of an operation (<c>QUERY_TOO_DEEP</c>).</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>
    /// Highest estimated cost of an operation (<c>QUERY_TOO_COMPLEX</c>): each field costs 1, and each condition and sort entry
    /// of a list's <c>where</c> and <c>order</c> 1 more, times the page sizes above it.
    /// </summary>
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>Deepest nesting of an operation that selects only introspection fields (the standard introspection query needs 15).</summary>
    public int MaxIntrospectionDepth { get; set; } = 20;

    /// <summary>
    /// Highest estimated cost of an introspection-only operation. The estimate of the standard introspection query grows
    /// with the schema (about 1.1 million at the loyalty milestone); the real work is bounded by
    /// <see cref="IntrospectionListDepthRule"/> and <see cref="MaxIntrospectionRootFields"/>, so this is only a backstop.
    /// </summary>
    public int MaxIntrospectionComplexity { get; set; } = 20_000_000;

    /// <summary>How many <c>__schema</c>/<c>__type</c> fields one introspection-only operation may select (aliasing copies multiplies the work).</summary>
    public int MaxIntrospectionRootFields { get; set; } = 3;

    /// <summary>Parsed documents kept, counted in 4 KiB of query text (a small query is one entry).</summary>
    public int MaxDocumentCacheEntries { get; set; } = 2_000;

    /// <summary>
    /// Run only trusted documents (the apps' operations, <c>clients/trusted-documents.json</c>) for member, guide and staff
    /// tokens and for requests without a token; admin, ingestion and partner tokens may send any document. Off by default.
    /// </summary>
    public bool TrustedDocumentsOnly { get; set; }

    /// <summary>The trusted-documents manifest; by default <c>trusted-documents.json</c> next to the gateway's binary (the build copies it there).</summary>
    public string? TrustedDocumentsPath { get; set; }
}
