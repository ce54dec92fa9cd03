using GraphQL.Validation;
using GraphQLParser.AST;

namespace MemberGraph.GraphQL.Transport;

/// <summary>GET requests may only run queries: a mutation or subscription over GET is refused (405).</summary>
public sealed class HttpGetOnlyQueriesRule : ValidationRuleBase
{
    public static readonly HttpGetOnlyQueriesRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.UserContext is GraphQLContext { IsHttpGet: true } && context.Operation.Operation != OperationType.Query)
        {
            context.ReportError(new CodedValidationError(context, GraphQLExecutor.MutationOverGetCode,
                $"GET may only run queries; send this {context.Operation.Operation.ToString().ToLowerInvariant()} with POST.", context.Operation));
        }

        return default;
    }
}
