using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using MemberGraph.GraphQL.Transport;

namespace MemberGraph.GraphQL.Limits;

/// <summary>
/// The operation limits the OWASP GraphQL cheat sheet and graphql-armor name, each with its own code and
/// <c>GraphQL:*</c> key, checked before GraphQL.NET validates anything: tokens before parsing; then, in walks
/// linear in the document's size, directives per location, repeated fields, root fields, aliases, depth and cost.
/// An operation that only introspects gets depth and cost limits of its own: the standard introspection query of
/// GraphiQL and code generators nests <c>ofType</c> 15 levels deep and its estimate grows with the schema, while
/// what introspection really builds is bounded by <see cref="IntrospectionListDepthRule"/> and by how many times
/// one operation may ask for the schema.
/// </summary>
public static class OperationLimits
{
    /// <summary>The limit on the text itself, before it is parsed.</summary>
    public static ExecutionError? CheckText(string query, GraphQLHttpOptions limits)
    {
        var tokens = TokenCounter.CountUpTo(query, limits.MaxTokens);
        return tokens > limits.MaxTokens
            ? new GraphQLRequestError(TransportErrorCodes.TooManyTokens, $"The document has more than {limits.MaxTokens} tokens; at most {limits.MaxTokens} are allowed.")
            : null;
    }

    /// <summary>The limits on the parsed document and the operation that would run, for these variables.</summary>
    public static ExecutionError? CheckDocument(GraphQLDocument document, string? operationName, ISchema schema,
        IReadOnlyDictionary<string, object?>? variables, GraphQLHttpOptions limits, CancellationToken cancellationToken)
    {
        if (DocumentStructure.Find(document, limits.MaxDirectivesPerLocation, limits.MaxFieldRepeats) is { } violation)
        {
            return new CodedValidationError(document.Source, violation.Code, violation.Message, violation.Node);
        }

        if (SelectOperation(document, operationName) is not { } operation)
        {
            return null; // GraphQL.NET says which operation is missing
        }

        var shape = OperationAnalyzer.Analyze(document, operation, schema, variables, cancellationToken);
        var message = Exceeded(shape, limits, out var code);
        return message is null ? null : new CodedValidationError(document.Source, code!, message, operation);
    }

    private static string? Exceeded(OperationShape shape, GraphQLHttpOptions limits, out string? code)
    {
        var maxDepth = shape.IntrospectionOnly ? Math.Max(limits.MaxIntrospectionDepth, limits.MaxDepth) : limits.MaxDepth;
        var maxCost = shape.IntrospectionOnly ? Math.Max(limits.MaxIntrospectionComplexity, limits.MaxComplexity) : limits.MaxComplexity;
        (code, var message) = shape switch
        {
            { RootFields: var n } when n > limits.MaxRootFields =>
                (TransportErrorCodes.TooManyRootFields, $"The operation selects {Count(n)} root fields; at most {limits.MaxRootFields} are allowed."),
            { Aliases: var n } when n > limits.MaxAliases =>
                (TransportErrorCodes.TooManyAliases, $"The operation has {Count(n)} aliased fields; at most {limits.MaxAliases} are allowed."),
            { Depth: var n } when n > maxDepth =>
                (TransportErrorCodes.QueryTooDeep, $"The operation nests fields {n} levels deep; at most {maxDepth} are allowed."),
            { IntrospectionOnly: true, SchemaQueries: var n } when n > limits.MaxIntrospectionRootFields =>
                (TransportErrorCodes.QueryTooComplex, $"The operation asks for the schema {n} times; at most {limits.MaxIntrospectionRootFields} are allowed."),
            { Cost: var n } when n > maxCost =>
                (TransportErrorCodes.QueryTooComplex, $"The operation's estimated cost is {Count(n)}; at most {maxCost} is allowed. Ask for smaller pages or fewer nested lists."),
            _ => (null, null),
        };
        return message;
    }

    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        GraphQLOperationDefinition? found = null;
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            if (operationName is null && found is not null)
            {
                return null; // several operations and no name: not ours to pick
            }

            if (operationName is null || operation.Name?.StringValue == operationName)
            {
                found = operation;
            }
        }

        return found;
    }

    private static string Count(double n) => n < 1e15 ? n.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "more than 10^15";
}
