using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Keeps parsed and validated documents by query text, so a mini-program's home query is parsed once.
/// A cached document skips the schema rules it already passed, never the per-request ones: GraphQL.NET runs
/// the rules registered with <c>useForCachedDocuments: true</c> (field authorization for this caller, GET-only
/// queries, depth and complexity for these variables) on every request.
/// </summary>
public sealed class DocumentCache(IOptions<GraphQLHttpOptions> options) : IConfigureExecution, IDisposable
{
    /// <summary>Query text per cache entry: a huge document costs as many entries as its size says.</summary>
    private const int CharsPerEntry = 4 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxDocumentCacheEntries });
    private long _hits;
    private long _misses;

    public float SortOrder => 200;

    /// <summary>Requests served from a cached document since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Requests whose query text had to be parsed since start.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        if (execution.Document is not null || execution.Query is not { } query)
        {
            return await next(execution);
        }

        if (_cache.TryGetValue(query, out GraphQLDocument? cached))
        {
            Interlocked.Increment(ref _hits);
            execution.Document = cached;

            // Skip the document-only rules it already passed; keep the per-request ones (registered for cached
            // documents: authorization, GET-only) and, when there are variables, the rules that depend on them.
            var hasVariables = execution.Variables is { Count: > 0 };
            execution.ValidationRules = [.. execution.CachedDocumentValidationRules ?? [], .. (execution.ValidationRules ?? []).Where(r => hasVariables && DependsOnVariables(r))];
            return await next(execution);
        }

        Interlocked.Increment(ref _misses);
        var result = await next(execution);
        if (result.Executed && result.Document is { } document)
        {
            _cache.Set(query, document, new MemoryCacheEntryOptions
            {
                Size = 1 + (query.Length / CharsPerEntry),
                SlidingExpiration = TimeSpan.FromHours(1),
            });
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();

    private static bool DependsOnVariables(IValidationRule rule) => rule is ComplexityValidationRule or FieldArgumentsAreValidRule;
}
