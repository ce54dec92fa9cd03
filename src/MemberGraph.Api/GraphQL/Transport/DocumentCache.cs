using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Limits;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Keeps parsed and validated documents by query text, so a mini-program's home query is parsed once, and keeps
/// refused ones too, so a document built to cost (a fragment fan-out, an alias bomb) costs a lookup on every repeat.
/// Before GraphQL.NET sees a new document, <see cref="OperationLimits"/> counts its tokens and measures it in linear
/// time; a refusal never reaches validation. A cached document skips the schema rules it already passed, never the
/// per-request ones: the rules registered with <c>useForCachedDocuments: true</c> (field authorization for this
/// caller, GET-only queries) and the limits for these variables run on every request — except that a verdict which
/// can only repeat itself is remembered. Those rules read the document, the caller's authorization profile and the
/// method, never the variables: the same operation for a caller with the same profile over the same method, passed
/// once, passes again without a walk, with or without variables (the variables are still coerced, and the rules that
/// read them still run). A refusal is remembered only without variables, where nothing else could have caused it.
/// </summary>
public sealed class DocumentCache(IOptions<GraphQLHttpOptions> options, IDocumentBuilder documentBuilder) : IConfigureExecution, IDisposable
{
    /// <summary>Query text per cache entry: a huge document costs as many entries as its size says.</summary>
    private const int CharsPerEntry = 4 * 1024;

    private readonly GraphQLHttpOptions _limits = options.Value;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxDocumentCacheEntries });
    private readonly MemoryCache _refused = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxDocumentCacheEntries });
    private long _hits;
    private long _misses;
    private long _revalidations;
    private long _refusalRepeats;
    private long _analyses;

    public float SortOrder => 200;

    /// <summary>Requests served from a cached document since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Requests whose query text had to be parsed since start.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Cached-document requests whose per-request rules had to run (not remembered as passed).</summary>
    public long Revalidations => Interlocked.Read(ref _revalidations);

    /// <summary>Requests answered with a remembered refusal, without parsing or walking anything.</summary>
    public long RefusalRepeats => Interlocked.Read(ref _refusalRepeats);

    /// <summary>Times <see cref="OperationLimits"/> measured a document.</summary>
    public long Analyses => Interlocked.Read(ref _analyses);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        if (execution.Document is not null || execution.Query is not { } query)
        {
            return await next(execution);
        }

        var verdict = VerdictKey.For(query, execution);
        if (verdict is not null && !HasVariables(execution) && _refused.TryGetValue(verdict.Value, out ExecutionError[]? refusal))
        {
            Interlocked.Increment(ref _refusalRepeats);
            return Refused(refusal!);
        }

        var result = _cache.TryGetValue(query, out CachedDocument? cached)
            ? await ExecuteCachedAsync(cached!, verdict, execution, next)
            : await ExecuteNewAsync(query, verdict, execution, next);
        RememberRefusal(query, verdict, execution, result);
        return result;
    }

    public void Dispose()
    {
        _cache.Dispose();
        _refused.Dispose();
    }

    private async Task<ExecutionResult> ExecuteCachedAsync(CachedDocument cached, VerdictKey? verdict, ExecutionOptions execution, ExecutionDelegate next)
    {
        Interlocked.Increment(ref _hits);
        execution.Document = cached.Document;
        var readingVariables = HasVariables(execution) ? (execution.ValidationRules ?? []).Where(r => ReadsVariables(r, execution)).ToList() : [];
        if (verdict is not null && cached.Passed.ContainsKey(verdict.Value))
        {
            // The limits depend on the variables: without them, the document was measured once and for all.
            if (HasVariables(execution) && CheckLimits(cached.Document, execution) is { } tooMuch)
            {
                return Refused(tooMuch);
            }

            execution.ValidationRules = readingVariables;
            return await next(execution);
        }

        // The document-only rules it already passed are skipped; the per-request ones (registered for cached documents:
        // authorization, GET-only) and the rules that read the variables run again.
        Interlocked.Increment(ref _revalidations);
        if (CheckLimits(cached.Document, execution) is { } refused)
        {
            return Refused(refused);
        }

        execution.ValidationRules = [.. execution.CachedDocumentValidationRules ?? [], .. readingVariables];
        var result = await next(execution);
        if (verdict is not null && result.Executed)
        {
            cached.Passed.TryAdd(verdict.Value, true);
        }

        return result;
    }

    private async Task<ExecutionResult> ExecuteNewAsync(string query, VerdictKey? verdict, ExecutionOptions execution, ExecutionDelegate next)
    {
        Interlocked.Increment(ref _misses);
        if (OperationLimits.CheckText(query, _limits) is { } tooLong)
        {
            return Refused(tooLong);
        }

        if (Parse(query) is { } parsed)
        {
            if (CheckLimits(parsed, execution) is { } refused)
            {
                return Refused(refused);
            }

            execution.Document = parsed;
        }

        // A document that does not parse is left to GraphQL.NET, which reports the syntax error as it always has.
        var first = await next(execution);
        if (first.Executed && first.Document is { } document)
        {
            var entry = new CachedDocument(document);
            if (verdict is not null)
            {
                entry.Passed.TryAdd(verdict.Value, true);
            }

            _cache.Set(query, entry, new MemoryCacheEntryOptions { Size = SizeOf(query), SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return first;
    }

    private GraphQLDocument? Parse(string query)
    {
        try
        {
            return documentBuilder.Build(query);
        }
        catch (Exception ex) when (ex is GraphQLParser.Exceptions.GraphQLParserException or InsufficientExecutionStackException)
        {
            return null;
        }
    }

    private ExecutionError? CheckLimits(GraphQLDocument document, ExecutionOptions execution)
    {
        Interlocked.Increment(ref _analyses);
        var schema = execution.Schema ?? throw new InvalidOperationException("The executer sets the schema before configuring execution.");
        if (!schema.Initialized)
        {
            schema.Initialize();
        }

        try
        {
            return OperationLimits.CheckDocument(document, execution.OperationName, schema, execution.Variables, _limits, execution.CancellationToken);
        }
        catch (InsufficientExecutionStackException)
        {
            return new GraphQLRequestError(TransportErrorCodes.QueryTooDeep, "The document nests deeper than the server can measure.");
        }
    }

    /// <summary>
    /// Remembers a refusal that can only repeat itself: no variables, not cancelled, and the fault is the document's
    /// (not an error of ours, nor a rate limit, which says nothing about the document). The key holds what the verdict
    /// depends on: text, operation, caller profile, method.
    /// </summary>
    private void RememberRefusal(string query, VerdictKey? verdict, ExecutionOptions execution, ExecutionResult result)
    {
        if (verdict is null || HasVariables(execution) || result.Executed || execution.CancellationToken.IsCancellationRequested
            || result.Errors is not { Count: > 0 } errors
            || errors.Any(e => e is UnhandledError || e.Code is ErrorCodes.Internal or TransportErrorCodes.RateLimited))
        {
            return;
        }

        _refused.Set(verdict.Value, errors.ToArray(), new MemoryCacheEntryOptions { Size = SizeOf(query), SlidingExpiration = TimeSpan.FromHours(1) });
    }

    private static ExecutionResult Refused(params ExecutionError[] errors)
    {
        var result = new ExecutionResult { Executed = false, Errors = [] };
        result.Errors.AddRange(errors);
        return result;
    }

    private static long SizeOf(string query) => 1 + (query.Length / CharsPerEntry);

    private static bool HasVariables(ExecutionOptions execution) => execution.Variables is { Count: > 0 };

    /// <summary>
    /// The one rule whose verdict depends on the variables: the schema's argument validators, which GraphQL.NET runs only when
    /// some field declares one. Asked for when none does, it would still make the validator walk the whole document.
    /// </summary>
    private static bool ReadsVariables(IValidationRule rule, ExecutionOptions execution) =>
        rule is FieldArgumentsAreValidRule && execution.Schema!.GetMetadata<bool>(FieldArgumentsAreValidRule.HAS_FIELD_ARGUMENT_VALIDATION_KEY);

    private sealed record CachedDocument(GraphQLDocument Document)
    {
        /// <summary>Verdicts this document earned: it validated for these operations, profiles and methods.</summary>
        public ConcurrentDictionary<VerdictKey, bool> Passed { get; } = new();
    }

    /// <summary>Everything the per-request rules' verdict depends on besides the document; null outside a gateway request.</summary>
    private readonly record struct VerdictKey(string Query, string? OperationName, string Profile, bool IsHttpGet)
    {
        public static VerdictKey? For(string query, ExecutionOptions execution) =>
            execution.UserContext is not GraphQLContext context
                ? null
                : new VerdictKey(query, execution.OperationName, FieldAuthorizationRule.ProfileOf(context.Caller), context.IsHttpGet);
    }
}
