using System.Linq.Expressions;

namespace MemberGraph.Data;

/// <summary>
/// Builds the value expressions of one UPDATE that gives each row its own value: <c>CASE "Id" WHEN @k0 THEN @v0 WHEN @k1 THEN
/// @v1 ... END</c>. EF Core's SQLite provider sends one UPDATE per tracked row that changed (it does not batch), so a refund of
/// five lines was five statements for the lines and five more for their commission lines; <c>ExecuteUpdate</c> with these
/// setters is one statement on every provider.
/// </summary>
/// <remarks>
/// The keys and values are read from captured arrays, so EF Core sends them as parameters (one SQL text per row count, cached
/// like any query) rather than writing them into the SQL.
/// </remarks>
public static class PerRowValues
{
    /// <summary>
    /// <c>CASE key WHEN k THEN value ... ELSE otherwise END</c> for the given (key, value) pairs; <paramref name="otherwise"/> is
    /// what a row whose key is not listed gets (the column itself when the WHERE names only listed rows).
    /// </summary>
    public static Expression<Func<T, TValue>> ByKey<T, TValue>(Expression<Func<T, long>> key, IReadOnlyList<(long Key, TValue Value)> rows,
        Expression<Func<T, TValue>> otherwise)
    {
        var row = key.Parameters[0];
        var keys = new Captured<long>([.. rows.Select(r => r.Key)]);
        var values = new Captured<TValue>([.. rows.Select(r => r.Value)]);
        var body = new Rebind(otherwise.Parameters[0], row).Visit(otherwise.Body);
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            body = Expression.Condition(Expression.Equal(key.Body, keys.Element(i)), values.Element(i), body);
        }

        return Expression.Lambda<Func<T, TValue>>(body, row);
    }

    /// <summary>
    /// <c>(key = k0 AND column = v0) OR (key = k1 AND column = v1) ...</c>: a filter that holds for a listed row only while
    /// <paramref name="column"/> still has the value listed for it (an optimistic guard, such as a version, for every row of the
    /// statement at once).
    /// </summary>
    public static Expression<Func<T, bool>> StillAt<T, TValue>(Expression<Func<T, long>> key, Expression<Func<T, TValue>> column,
        IReadOnlyList<(long Key, TValue Value)> rows)
    {
        var row = key.Parameters[0];
        var current = new Rebind(column.Parameters[0], row).Visit(column.Body);
        var keys = new Captured<long>([.. rows.Select(r => r.Key)]);
        var values = new Captured<TValue>([.. rows.Select(r => r.Value)]);
        Expression body = Expression.Constant(false);
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            var one = Expression.AndAlso(Expression.Equal(key.Body, keys.Element(i)), Expression.Equal(current, values.Element(i)));
            body = i == rows.Count - 1 ? one : Expression.OrElse(one, body);
        }

        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private sealed class Captured<TItem>(TItem[] items)
    {
        public readonly TItem[] Items = items;

        public Expression Element(int index) =>
            Expression.ArrayIndex(Expression.Field(Expression.Constant(this), nameof(Items)), Expression.Constant(index));
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
