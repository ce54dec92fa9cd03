using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Keeps parsed and validated documents by query text, so a mini-program's home query is parsed and validated once.
/// A cached document skips the document-only rules; per-caller rules (authorization, GET-only) and the rules that
/// depend on variables (complexity, argument validators) still run on every request.
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
            // Without variables the variable-dependent rules would only repeat what the first validation found.
            var hasVariables = execution.Variables is { Count: > 0 };
            execution.ValidationRules = [.. execution.CachedDocumentValidationRules ?? [], .. (execution.ValidationRules ?? []).Where(r => hasVariables && DependsOnVariables(r))];
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

    private static bool DependsOnVariables(IValidationRule rule) => rule is ComplexityValidationRule or FieldArgumentsAreValidRule;
}
