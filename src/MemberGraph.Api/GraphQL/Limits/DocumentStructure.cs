using System.Runtime.CompilerServices;
using GraphQLParser.AST;

namespace MemberGraph.GraphQL.Limits;

/// <summary>
/// Limits on the document as written, checked in one walk over every definition (each fragment once, used or not):
/// directives on one location (a directive flood makes validation compare every pair) and the same field repeated
/// in one selection set (field duplication: each copy is validated against every other).
/// </summary>
public static class DocumentStructure
{
    public sealed record Violation(string Code, string Message, ASTNode Node);

    public static Violation? Find(GraphQLDocument document, int maxDirectivesPerLocation, int maxFieldRepeats)
    {
        var walk = new Walk(maxDirectivesPerLocation, maxFieldRepeats);
        foreach (var definition in document.Definitions)
        {
            var found = definition switch
            {
                GraphQLOperationDefinition operation => walk.Operation(operation),
                GraphQLFragmentDefinition fragment => walk.Directives(fragment, fragment.Directives) ?? walk.SelectionSet(fragment.SelectionSet),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private sealed class Walk(int maxDirectives, int maxRepeats)
    {
        private readonly Dictionary<string, int> _responseNames = [];

        public Violation? Operation(GraphQLOperationDefinition operation)
        {
            var found = Directives(operation, operation.Directives);
            foreach (var variable in operation.Variables?.Items ?? [])
            {
                found ??= Directives(variable, variable.Directives);
            }

            return found ?? SelectionSet(operation.SelectionSet);
        }

        public Violation? SelectionSet(GraphQLSelectionSet? selectionSet)
        {
            if (selectionSet is null)
            {
                return null;
            }

            RuntimeHelpers.EnsureSufficientExecutionStack();
            if (Repeated(selectionSet) is { } repeated)
            {
                return repeated;
            }

            foreach (var selection in selectionSet.Selections)
            {
                var found = selection switch
                {
                    GraphQLField field => Directives(field, field.Directives) ?? SelectionSet(field.SelectionSet),
                    GraphQLInlineFragment inline => Directives(inline, inline.Directives) ?? SelectionSet(inline.SelectionSet),
                    GraphQLFragmentSpread spread => Directives(spread, spread.Directives),
                    _ => null,
                };
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        public Violation? Directives(ASTNode location, GraphQLDirectives? directives) =>
            directives is { Count: var count } && count > maxDirectives
                ? new Violation(Transport.TransportErrorCodes.TooManyDirectives,
                    $"A location carries {count} directives; at most {maxDirectives} are allowed on one field, fragment, operation or variable.", location)
                : null;

        private Violation? Repeated(GraphQLSelectionSet selectionSet)
        {
            _responseNames.Clear();
            foreach (var selection in selectionSet.Selections)
            {
                if (selection is not GraphQLField field)
                {
                    continue;
                }

                var name = (field.Alias?.Name ?? field.Name).StringValue;
                var seen = _responseNames[name] = _responseNames.GetValueOrDefault(name) + 1;
                if (seen > maxRepeats)
                {
                    return new Violation(Transport.TransportErrorCodes.TooManyFieldRepeats,
                        $"'{name}' is selected {seen} times or more in one selection set; at most {maxRepeats} are allowed.", field);
                }
            }

            return null;
        }
    }
}
