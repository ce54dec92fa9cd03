using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Bounds what an introspection query can make the server build: inside <c>__schema</c> or <c>__type</c>, the
/// type lists (<c>fields</c>, <c>inputFields</c>, <c>interfaces</c>, <c>possibleTypes</c>) may nest at most
/// <see cref="MaxListDepth"/> levels. <c>fields { type { fields { type { fields … } } } }</c> grows with the
/// schema at every level, which the complexity estimate cannot see; the standard introspection query nests
/// them only twice (fields → args/type, never fields within fields within fields).
/// </summary>
public sealed class IntrospectionListDepthRule : ValidationRuleBase
{
    public const int MaxListDepth = 3;

    public static readonly IntrospectionListDepthRule Instance = new();

    private static readonly HashSet<string> TypeLists = ["fields", "inputFields", "interfaces", "possibleTypes"];

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation is { } operation)
        {
            var walk = new Walk(context.Document);
            if (walk.FindTooDeep(operation.SelectionSet, depth: null) is { } field)
            {
                context.ReportError(new CodedValidationError(context, TransportErrorCodes.QueryTooDeep,
                    $"Introspection may nest fields, inputFields, interfaces and possibleTypes at most {MaxListDepth} levels deep.", field));
            }
        }

        return default;
    }

    /// <summary>A walk of one operation; fragments are followed once per list depth, so fragment fan-out costs nothing extra.</summary>
    private sealed class Walk(GraphQLDocument document)
    {
        private readonly HashSet<(string Fragment, int? Depth)> _seen = [];

        /// <param name="depth">Type lists entered so far, or null outside introspection.</param>
        public GraphQLField? FindTooDeep(GraphQLSelectionSet? selections, int? depth)
        {
            foreach (var selection in selections?.Selections ?? [])
            {
                var found = selection switch
                {
                    GraphQLField field => Field(field, depth),
                    GraphQLInlineFragment inline => FindTooDeep(inline.SelectionSet, depth),
                    GraphQLFragmentSpread spread => Spread(spread, depth),
                    _ => null,
                };
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        private GraphQLField? Field(GraphQLField field, int? depth)
        {
            var name = field.Name.StringValue;
            if (depth is null && name is "__schema" or "__type")
            {
                return FindTooDeep(field.SelectionSet, 0);
            }

            if (depth is { } inside && TypeLists.Contains(name))
            {
                return inside + 1 > MaxListDepth ? field : FindTooDeep(field.SelectionSet, inside + 1);
            }

            return FindTooDeep(field.SelectionSet, depth);
        }

        private GraphQLField? Spread(GraphQLFragmentSpread spread, int? depth)
        {
            var name = spread.FragmentName.Name.StringValue;
            if (!_seen.Add((name, depth)))
            {
                return null;
            }

            return FindTooDeep(document.FindFragmentDefinition(spread.FragmentName.Name.Value)?.SelectionSet, depth);
        }
    }
}
