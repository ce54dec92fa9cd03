using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using MemberGraph.GraphQL.Authorization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Keeps parsed and validated documents by query text, so a mini-program's home query is parsed once.
/// A cached document skips the schema rules it already passed, never the per-request ones: GraphQL.NET runs
/// the rules registered with <c>useForCachedDocuments: true</c> (field authorization for this caller, GET-only
/// queries, depth and complexity for these variables) on every request — except that a verdict which can only
/// repeat itself is remembered: the same operation, without variables, for a caller with the same authorization
/// profile over the same method passed once, so it passes again without walking the document.
/// </summary>
public sealed class DocumentCache(IOptions<GraphQLHttpOptions> options) : IConfigureExecution, IDisposable
{
    /// <summary>Query text per cache entry: a huge document costs as many entries as its size says.</summary>
    private const int CharsPerEntry = 4 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxDocumentCacheEntries });
    private long _hits;
    private long _misses;
    private long _revalidations;

    public float SortOrder => 200;

    /// <summary>Requests served from a cached document since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Requests whose query text had to be parsed since start.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Cached-document requests whose per-request rules had to run (not remembered as passed).</summary>
    public long Revalidations => Interlocked.Read(ref _revalidations);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        if (execution.Document is not null || execution.Query is not { } query)
        {
            return await next(execution);
        }

        if (_cache.TryGetValue(query, out CachedDocument? cached))
        {
            Interlocked.Increment(ref _hits);
            execution.Document = cached!.Document;
            var verdict = VerdictKey.For(execution);
            if (verdict is not null && cached.Passed.ContainsKey(verdict.Value))
            {
                execution.ValidationRules = [];
                return await next(execution);
            }

            // Skip the document-only rules it already passed; keep the per-request ones (registered for cached
            // documents: authorization, GET-only) and, when there are variables, the rules that depend on them.
            Interlocked.Increment(ref _revalidations);
            var hasVariables = execution.Variables is { Count: > 0 };
            execution.ValidationRules = [.. execution.CachedDocumentValidationRules ?? [], .. (execution.ValidationRules ?? []).Where(r => hasVariables && DependsOnVariables(r))];
            var result = await next(execution);
            if (verdict is not null && result.Executed)
            {
                cached.Passed.TryAdd(verdict.Value, true);
            }

            return result;
        }

        Interlocked.Increment(ref _misses);
        var first = await next(execution);
        if (first.Executed && first.Document is { } document)
        {
            var entry = new CachedDocument(document);
            if (VerdictKey.For(execution) is { } passed)
            {
                entry.Passed.TryAdd(passed, true);
            }

            _cache.Set(query, entry, new MemoryCacheEntryOptions
            {
                Size = 1 + (query.Length / CharsPerEntry),
                SlidingExpiration = TimeSpan.FromHours(1),
            });
        }

        return first;
    }

    public void Dispose() => _cache.Dispose();

    private static bool DependsOnVariables(IValidationRule rule) => rule is ComplexityValidationRule or FieldArgumentsAreValidRule;

    private sealed record CachedDocument(GraphQLDocument Document)
    {
        /// <summary>Verdicts this document earned: it validated for these operations, profiles and methods.</summary>
        public ConcurrentDictionary<VerdictKey, bool> Passed { get; } = new();
    }

    /// <summary>Everything the per-request rules look at besides the document; null when variables are involved.</summary>
    private readonly record struct VerdictKey(string? OperationName, string Profile, bool IsHttpGet)
    {
        public static VerdictKey? For(ExecutionOptions execution) =>
            execution is { Variables.Count: > 0 } || execution.UserContext is not GraphQLContext context
                ? null
                : new VerdictKey(execution.OperationName, FieldAuthorizationRule.ProfileOf(context.Caller), context.IsHttpGet);
    }
}
