namespace MemberGraph.GraphQL.Limits;

/// <summary>
/// What one operation would ask of the server, as <see cref="OperationAnalyzer"/> measured it: counts through
/// fragments are what the operation expands to (a fragment spread four times counts four times), but each
/// fragment was walked only once to find them.
/// </summary>
/// <param name="Cost">Estimated cost: a field costs 1, times the page sizes (or list sizes) above it.</param>
/// <param name="Depth">Fields nested on the deepest path.</param>
/// <param name="Aliases">Aliased fields.</param>
/// <param name="RootFields">Fields selected at the root of the operation.</param>
/// <param name="SchemaQueries"><c>__schema</c> and <c>__type</c> fields selected directly at the root.</param>
/// <param name="IntrospectionOnly">Every root selection is an introspection field.</param>
/// <param name="NodesVisited">Selections the analysis looked at: the work it did, at most the document's selections.</param>
public sealed record OperationShape(
    double Cost,
    int Depth,
    double Aliases,
    double RootFields,
    int SchemaQueries,
    bool IntrospectionOnly,
    long NodesVisited);
