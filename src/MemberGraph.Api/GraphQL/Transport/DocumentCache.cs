using GraphQL;
using GraphQL.DI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Keeps parsed and validated documents by query text, so a mini-program's home query is parsed once.
/// Per-caller rules (authorization, GET-only) still run on every request as cached-document rules.
/// </summary>
public sealed class DocumentCache(IOptions<GraphQLHttpOptions> options) : IConfigureExecution, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxDocumentCacheEntries });

    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        if (execution.Document is not null || execution.Query is not { } query)
        {
            return await next(execution);
        }

        if (_cache.TryGetValue(query, out GraphQLParser.AST.GraphQLDocument? cached))
        {
            execution.Document = cached;
            return await next(execution);
        }

        var result = await next(execution);
        if (result.Executed && result.Document is { } document)
        {
            _cache.Set(query, document, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();
}
