using System.Collections.Concurrent;
using System.Linq.Expressions;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace MemberGraph.GraphQL.DataLoaders;

/// <summary>
/// Reads only the columns a selection needs. Each field of a graph type declares the entity properties its resolver
/// reads (<see cref="Reads{TSource, TReturn}"/>); a selection made only of declaring fields gets rows with just those
/// columns, any other selection the whole row. On SQLite every column read costs (parsing the statement, converting
/// TEXT dates), and a list that shows a name and a kind should not pay for a detail page.
/// </summary>
public static class ColumnProjection
{
    private const string Key = "MemberGraph.Columns";

    /// <summary>Declares the entity properties this field's resolver reads (none: it reads nothing of the row).</summary>
    public static FieldBuilder<TSource, TReturn> Reads<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params string[] properties) =>
        field.WithMetadata(Key, properties);

    /// <summary>
    /// The columns the current field's selection reads, as a stable key (sorted, comma-separated, always with
    /// <paramref name="key"/>); null when a selected field declares nothing, so the whole row must be read.
    /// </summary>
    public static string? ColumnsFor(IResolveFieldContext context, string key)
    {
        if (context.SubFields is not { } selected)
        {
            return null;
        }

        var columns = new SortedSet<string>(StringComparer.Ordinal) { key };
        foreach (var (_, definition) in selected.Values)
        {
            if (definition.Name.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }

            if (definition.GetMetadata<string[]>(Key) is not { } reads)
            {
                return null;
            }

            columns.UnionWith(reads);
        }

        return string.Join(',', columns);
    }

    /// <summary>Distinct column sets kept per entity type: each is an EF Core query shape, and callers choose them.</summary>
    public const int MaxShapes = 64;

    /// <summary>
    /// <c>row => new T { A = row.A, B = row.B }</c> for the columns of a <see cref="ColumnsFor"/> key, built once per
    /// key; null (read the whole row) once <see cref="MaxShapes"/> other sets are kept, so selections made up to vary
    /// the columns cannot grow the caches without end.
    /// </summary>
    public static Expression<Func<T, T>>? Projection<T>(string columns)
        where T : new() =>
        Projections<T>.ByColumns.TryGetValue(columns, out var known) ? known
        : Projections<T>.ByColumns.Count >= MaxShapes ? null
        : Projections<T>.ByColumns.GetOrAdd(columns, Build<T>);

    /// <summary>How many column sets of <typeparamref name="T"/> are kept.</summary>
    public static int Shapes<T>()
        where T : new() => Projections<T>.ByColumns.Count;

    private static Expression<Func<T, T>> Build<T>(string columns)
        where T : new()
    {
        var row = Expression.Parameter(typeof(T), "row");
        var bindings = columns.Split(',')
            .Select(name => typeof(T).GetProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name}."))
            .Select(property => Expression.Bind(property, Expression.Property(row, property)));
        return Expression.Lambda<Func<T, T>>(Expression.MemberInit(Expression.New(typeof(T)), bindings), row);
    }

    private static class Projections<T>
    {
        public static readonly ConcurrentDictionary<string, Expression<Func<T, T>>> ByColumns = new(StringComparer.Ordinal);
    }
}
