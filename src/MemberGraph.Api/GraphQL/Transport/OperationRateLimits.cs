using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQLParser.AST;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Hosting.RateLimiting;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Applies <see cref="OperationRateLimiter"/> to mutations, over HTTP and the WebSocket alike, once the document is parsed:
/// after the <see cref="DocumentCache"/> (which parses or finds the document and checks the operation limits) and before
/// validation, so a mutation refused by validation counts too (the first time: a document refused without variables is
/// then remembered by the cache and never runs).
/// A refusal is <c>RATE_LIMITED</c> with <c>extensions.retryAfter</c>; the HTTP transport makes it a 429 with
/// <c>Retry-After</c>, the WebSocket an <c>error</c> message for that operation (the connection stays open).
/// </summary>
public sealed class OperationRateLimits(OperationRateLimiter limiter, ILogger<OperationRateLimits> logger) : IConfigureExecution
{
    private IReadOnlySet<string>? _signInFields;

    public float SortOrder => 300;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (!limiter.Enabled || options.Document is not { } document || options.UserContext is not GraphQLContext context
            || MutationRootFields(document, options.OperationName) is not { } rootFields)
        {
            return next(options);
        }

        var signsIn = rootFields.Overlaps(SignInFields(options.Schema!));
        if (limiter.TryAcquireMutation(context.Caller, context.ClientAddress, signsIn) is not { } refusal)
        {
            return next(options);
        }

        var seconds = RateLimitRefusal.Seconds(refusal.RetryAfter);
        logger.LogInformation("Rate limit: mutation by {Role} {Subject} from {Client} refused for {Seconds} s ({What})",
            context.Caller.Role ?? "anonymous", context.Caller.Subject, context.ClientAddress, seconds, refusal.What);
        var result = new ExecutionResult { Executed = false, Errors = [] };
        result.Errors.Add(RateLimitRefusal.Error(refusal.What, seconds));
        return Task.FromResult(result);
    }

    /// <summary>
    /// The sign-ins: the mutations open to callers without a token (<see cref="FieldAuthorization.AllowAnonymous"/>), so one
    /// added later is limited by address too. The schema is built once, so they are looked up once.
    /// </summary>
    private IReadOnlySet<string> SignInFields(ISchema schema)
    {
        if (_signInFields is { } known)
        {
            return known;
        }

        if (!schema.Initialized)
        {
            schema.Initialize();
        }

        return _signInFields = (schema.Mutation?.Fields ?? [])
            .Where(field => field.GetMetadata(FieldAuthorization.AnonymousKey, false))
            .Select(field => field.Name)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The root field names of the operation that will run when it is a mutation (through fragments, whatever their
    /// directives say); null for queries, subscriptions and documents whose operation cannot be chosen (validation refuses those).
    /// </summary>
    public static IReadOnlySet<string>? MutationRootFields(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = string.IsNullOrEmpty(operationName)
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        if (operation is not { Operation: OperationType.Mutation })
        {
            return null;
        }

        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Collect(operation.SelectionSet);
        return names;

        void Collect(GraphQLSelectionSet selectionSet)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        names.Add(field.Name.StringValue);
                        break;
                    case GraphQLInlineFragment inline:
                        Collect(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when visited.Add(spread.FragmentName.Name.StringValue)
                                                          && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        Collect(fragment.SelectionSet);
                        break;
                }
            }
        }
    }
}
