using GraphQL.Validation.Complexity;
using GraphQLParser.AST;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Depth and complexity limits on top of GraphQL.NET's complexity analyzer, refused with our own codes
/// (<see cref="TransportErrorCodes.QueryTooDeep"/>, <see cref="TransportErrorCodes.QueryTooComplex"/>) instead of
/// its single <c>COMPLEXITY</c>. An operation that only introspects gets limits of its own: the standard
/// introspection query of GraphiQL and code generators nests <c>ofType</c> 15 levels deep and is estimated at
/// about 413,000 and more as the schema grows (every list counts as 5 items), while nothing in our schema needs more than
/// <c>GraphQL:MaxDepth</c> and <c>GraphQL:MaxComplexity</c>. What introspection really builds is bounded by
/// <see cref="IntrospectionListDepthRule"/> and by how many times one operation may ask for the schema;
/// production switches introspection off altogether.
/// </summary>
public static class QueryLimits
{
    public static void Configure(ComplexityOptions complexity, GraphQLHttpOptions limits)
    {
        // The analyzer's own checks would report COMPLEXITY; ours run in the delegate instead.
        complexity.MaxDepth = null;
        complexity.MaxComplexity = null;
        complexity.ValidateComplexityDelegate = context =>
        {
            context.Error = Check(context, limits);
            return Task.CompletedTask;
        };
    }

    private static CodedValidationError? Check(ComplexityValidationContext context, GraphQLHttpOptions limits)
    {
        var validation = context.ValidationContext;
        var operation = validation.Operation;
        var introspectionOnly = IsIntrospectionOnly(operation);
        var maxDepth = introspectionOnly ? Math.Max(limits.MaxIntrospectionDepth, limits.MaxDepth) : limits.MaxDepth;
        var maxComplexity = introspectionOnly ? Math.Max(limits.MaxIntrospectionComplexity, limits.MaxComplexity) : limits.MaxComplexity;
        if (context.MaxDepth > maxDepth)
        {
            return new CodedValidationError(validation, TransportErrorCodes.QueryTooDeep,
                $"The operation nests fields {context.MaxDepth} levels deep; at most {maxDepth} are allowed.", operation);
        }

        var schemaQueries = operation.SelectionSet.Selections.Count(selection => selection is GraphQLField f && f.Name.Value.Span is "__schema" or "__type");
        if (introspectionOnly && schemaQueries > limits.MaxIntrospectionRootFields)
        {
            return new CodedValidationError(validation, TransportErrorCodes.QueryTooComplex,
                $"The operation asks for the schema {schemaQueries} times; at most {limits.MaxIntrospectionRootFields} are allowed.", operation);
        }

        if (context.TotalImpact > maxComplexity)
        {
            return new CodedValidationError(validation, TransportErrorCodes.QueryTooComplex,
                $"The operation's estimated cost is {context.TotalImpact:0}; at most {maxComplexity} is allowed. Ask for smaller pages or fewer nested lists.", operation);
        }

        return null;
    }

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition operation) =>
        operation.SelectionSet.Selections.All(selection =>
            selection is GraphQLField field && field.Name.Value.Span.StartsWith("__", StringComparison.Ordinal));
}
