using GraphQLParser.AST;

namespace MemberGraph.GraphQL.Transport;

/// <summary>The operation of a document that a request runs, chosen by its name as GraphQL.NET chooses it.</summary>
public static class ChosenOperation
{
    /// <summary>The named operation, or the only one when no name is given; null when none can be chosen (validation refuses those).</summary>
    public static GraphQLOperationDefinition? Find(GraphQLDocument document, string? operationName)
    {
        GraphQLOperationDefinition? only = null;
        var count = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(operationName) && operation.Name?.StringValue == operationName)
            {
                return operation;
            }

            only = operation;
            count++;
        }

        return string.IsNullOrEmpty(operationName) && count == 1 ? only : null;
    }
}
