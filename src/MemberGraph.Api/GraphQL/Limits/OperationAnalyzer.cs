using System.Numerics;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace MemberGraph.GraphQL.Limits;

/// <summary>
/// Measures an operation's cost, depth, aliases and root fields in time linear in the document's size: each
/// fragment is measured once, relative to where it is spread, and a spread adds the fragment's measure instead of
/// walking it again. (GraphQL.NET's complexity analyzer walked a fragment at every spread, so a document of a few
/// hundred bytes whose fragments spread the next one K times cost K^L walks.) Counts are doubles: an expansion's
/// true size can exceed any integer, and all that matters is how it compares with the limit.
/// </summary>
public sealed class OperationAnalyzer
{
    /// <summary>Children of a list without a page size are estimated at this many items.</summary>
    public const int DefaultListSize = 5;

    private const int CancellationCheckInterval = 4096;

    private readonly ISchema _schema;
    private readonly IReadOnlyDictionary<string, object?>? _variables;
    private readonly GraphQLOperationDefinition _operation;
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = [];
    private readonly Dictionary<string, Measure?> _measured = [];
    private readonly CancellationToken _cancellationToken;
    private long _visited;

    private OperationAnalyzer(GraphQLDocument document, GraphQLOperationDefinition operation, ISchema schema, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        _schema = schema;
        _operation = operation;
        _variables = variables;
        _cancellationToken = cancellationToken;
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
    }

    public static OperationShape Analyze(GraphQLDocument document, GraphQLOperationDefinition operation, ISchema schema,
        IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        var analyzer = new OperationAnalyzer(document, operation, schema, variables, cancellationToken);
        var root = operation.Operation switch
        {
            OperationType.Mutation => schema.Mutation,
            OperationType.Subscription => schema.Subscription,
            _ => schema.Query,
        };
        var measure = analyzer.SelectionSet(operation.SelectionSet, root);
        var selections = operation.SelectionSet.Selections;
        var introspectionOnly = selections.All(s => s is GraphQLField f && f.Name.Value.Span.StartsWith("__", StringComparison.Ordinal));
        var schemaQueries = selections.Count(s => s is GraphQLField f && f.Name.Value.Span is "__schema" or "__type");
        return new OperationShape(measure.Cost, measure.Depth, measure.Aliases, measure.Fields, schemaQueries, introspectionOnly, analyzer._visited);
    }

    private Measure SelectionSet(GraphQLSelectionSet? selectionSet, IGraphType? parent)
    {
        var total = Measure.Zero;
        if (selectionSet is null)
        {
            return total;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var selection in selectionSet.Selections)
        {
            if (++_visited % CancellationCheckInterval == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            total += selection switch
            {
                GraphQLField field => Field(field, parent),
                GraphQLInlineFragment inline => SelectionSet(inline.SelectionSet, TypeOf(inline.TypeCondition) ?? parent),
                GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.StringValue),
                _ => Measure.Zero,
            };
        }

        return total;
    }

    private Measure Field(GraphQLField field, IGraphType? parent)
    {
        var aliases = field.Alias is null ? 0 : 1;
        var definition = FieldDefinition(field.Name.StringValue, parent);
        var own = 1 + WhereAndOrder(field);
        if (field.SelectionSet is null)
        {
            return new Measure(own, 1, aliases, 1);
        }

        var children = SelectionSet(field.SelectionSet, definition?.ResolvedType?.GetNamedType());
        var multiplier = ChildMultiplier(field, definition, parent);
        return new Measure(own + (multiplier * children.Cost), 1 + children.Depth, aliases + children.Aliases, 1);
    }

    /// <summary>
    /// What a list's <c>where</c> and <c>order</c> add to its own cost: 1 per condition (<c>gte</c>, <c>hasTag</c>, an
    /// <c>in</c> with all its values) and per sort entry, like a field — each is one more comparison or subquery in the
    /// list's statement — times the pages above the list, as its fields are.
    /// </summary>
    private double WhereAndOrder(GraphQLField field)
    {
        double conditions = 0;
        foreach (var argument in field.Arguments?.Items ?? [])
        {
            if (argument.Name.StringValue is "where" or "order")
            {
                conditions += Conditions(argument.Value);
            }
        }

        return conditions;
    }

    private double Conditions(GraphQLValue value) => value switch
    {
        GraphQLNullValue => 0,
        GraphQLObjectValue input => input.Fields?.Sum(f => Conditions(f.Value)) ?? 0,
        GraphQLListValue list => Entries(list.Values?.Cast<object?>() ?? [], item => item is GraphQLObjectValue or GraphQLListValue or GraphQLVariable,
            item => Conditions((GraphQLValue)item!)),
        GraphQLVariable variable => VariableConditions(variable.Name.StringValue),
        _ => 1,
    };

    private double VariableConditions(string name)
    {
        if (_variables is not null && _variables.TryGetValue(name, out var given))
        {
            return GivenConditions(given);
        }

        var definition = _operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == name);
        return definition?.DefaultValue is { } fallback ? Conditions(fallback) : 0;
    }

    /// <summary>A variable's value as the transport read it: objects are dictionaries, lists are lists.</summary>
    private static double GivenConditions(object? value) => value switch
    {
        null => 0,
        IDictionary<string, object?> input => input.Values.Sum(GivenConditions),
        System.Collections.IEnumerable list and not string => Entries(list.Cast<object?>(), item => item is IDictionary<string, object?> or System.Collections.IList, GivenConditions),
        _ => 1,
    };

    /// <summary>A list of entries (<c>order</c>) counts each entry; a list of plain values (<c>in</c>) is one condition.</summary>
    private static double Entries(IEnumerable<object?> items, Func<object?, bool> isEntry, Func<object?, double> entry)
    {
        double entries = 0;
        var values = false;
        foreach (var item in items)
        {
            if (isEntry(item))
            {
                entries += entry(item);
            }
            else if (item is not null and not GraphQLNullValue)
            {
                values = true;
            }
        }

        return entries + (values ? 1 : 0);
    }

    /// <summary>A fragment's measure, taken once; a spread inside its own expansion (a cycle) adds nothing here and is refused by validation.</summary>
    private Measure Fragment(string name)
    {
        if (_measured.TryGetValue(name, out var known))
        {
            return known ?? Measure.Zero;
        }

        if (!_fragments.TryGetValue(name, out var fragment))
        {
            return Measure.Zero; // unknown fragments are refused by validation
        }

        _measured[name] = null;
        var measure = SelectionSet(fragment.SelectionSet, TypeOf(fragment.TypeCondition));
        _measured[name] = measure;
        return measure;
    }

    /// <summary>How many times the children of a field are resolved: its page size, a list's estimated size, or once.</summary>
    private double ChildMultiplier(GraphQLField field, FieldType? definition, IGraphType? parent)
    {
        if (definition?.Arguments?.Find("first") is { } first)
        {
            var value = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "first")?.Value is { } literal ? Number(literal) : null;
            return Math.Max(0, value ?? Number(first.DefaultValue) ?? Relay.PageRequest.DefaultPageSize);
        }

        var type = definition?.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : definition?.ResolvedType;
        var withinPage = parent?.Name.EndsWith("Connection", StringComparison.Ordinal) == true;
        return type is ListGraphType && !withinPage ? DefaultListSize : 1;
    }

    private double? Number(GraphQLValue value) => value switch
    {
        GraphQLIntValue integer => double.TryParse(integer.Value.Span, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null,
        GraphQLVariable variable => VariableNumber(variable.Name.StringValue),
        _ => null,
    };

    private double? VariableNumber(string name)
    {
        if (_variables is not null && _variables.TryGetValue(name, out var given))
        {
            return Number(given);
        }

        var definition = _operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == name);
        return definition?.DefaultValue is { } fallback ? Number(fallback) : null;
    }

    private static double? Number(object? value) => value switch
    {
        int n => n,
        long n => n,
        short n => n,
        byte n => n,
        uint n => n,
        ulong n => n,
        double n => n,
        float n => n,
        decimal n => (double)n,
        BigInteger n => (double)n,
        _ => null,
    };

    private FieldType? FieldDefinition(string name, IGraphType? parent)
    {
        if (parent is null)
        {
            return null;
        }

        if (parent == _schema.Query)
        {
            if (name == "__schema")
            {
                return _schema.SchemaMetaFieldType;
            }

            if (name == "__type")
            {
                return _schema.TypeMetaFieldType;
            }
        }

        return parent is IComplexGraphType complex ? complex.GetField(name) : null;
    }

    private IGraphType? TypeOf(GraphQLTypeCondition? condition) =>
        condition is null ? null : _schema.AllTypes[condition.Type.Name.StringValue];

    /// <summary>A selection's measure relative to where it is used: <see cref="Fields"/> counts only its top-level fields.</summary>
    private readonly record struct Measure(double Cost, int Depth, double Aliases, double Fields)
    {
        public static readonly Measure Zero = new(0, 0, 0, 0);

        public static Measure operator +(Measure a, Measure b) =>
            new(a.Cost + b.Cost, Math.Max(a.Depth, b.Depth), a.Aliases + b.Aliases, a.Fields + b.Fields);
    }
}
