using System.Linq.Expressions;
using MemberGraph.Data;

namespace MemberGraph.GraphQL.Lists;

/// <summary>
/// A key a list can be sorted by: the name clients give in <c>order</c>, and the key's value as an expression over the
/// database and a row that EF Core turns into SQL — a column, or a subquery such as a member's last purchase. A key never
/// holds null (give a fallback with <c>??</c>): where nulls sort differs between databases, and the keyset comparison
/// after a cursor must agree with the ORDER BY.
/// </summary>
public sealed class SortKey<TRow>
{
    /// <summary>The types a cursor can carry exactly.</summary>
    private static readonly Type[] CursorTypes = [typeof(long), typeof(int), typeof(DateTime), typeof(string)];

    private SortKey(string name, string description, LambdaExpression value)
    {
        if (!CursorTypes.Contains(value.ReturnType))
        {
            throw new ArgumentException($"Sort key '{name}' is a {value.ReturnType.Name}; keys are long, int, DateTime or string (never null).", nameof(value));
        }

        Name = name;
        Description = description;
        Value = value;
    }

    /// <summary>The field name in the list's sort input.</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary><c>(MemberGraphDb db, TRow row) =&gt; key</c>.</summary>
    internal LambdaExpression Value { get; }

    internal Type Type => Value.ReturnType;

    /// <summary>A key read from the row alone (a column).</summary>
    public static SortKey<TRow> By<T>(string name, Expression<Func<TRow, T>> value, string description) where T : notnull =>
        new(name, description, Expression.Lambda(value.Body, Expression.Parameter(typeof(MemberGraphDb), "db"), value.Parameters[0]));

    /// <summary>A key that queries other tables (a subquery over <c>db</c>).</summary>
    public static SortKey<TRow> By<T>(string name, Expression<Func<MemberGraphDb, TRow, T>> value, string description) where T : notnull =>
        new(name, description, value);

    /// <summary>The key over a row, with <paramref name="db"/> standing in for the database.</summary>
    internal Expression Over(MemberGraphDb db, Expression row) =>
        Lambdas.Inline(Value, Expression.Constant(db), row);
}

/// <summary>One entry of a list's <c>order</c>: a key and its direction.</summary>
public sealed record SortTerm<TRow>(SortKey<TRow> Key, SortDirection Direction);
