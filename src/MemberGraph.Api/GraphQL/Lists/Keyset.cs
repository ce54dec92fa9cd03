using System.Linq.Expressions;
using MemberGraph.Data;

namespace MemberGraph.GraphQL.Lists;

/// <summary>
/// "After this position" for keys k1..kn and the id: <c>k1 &gt; v1 OR (k1 = v1 AND k2 &gt; v2) OR ... OR (k1 = v1 AND ... AND id &gt; v)</c>,
/// with &lt; for descending terms — the rows an ORDER BY on the same keys puts after the position, ties included exactly once.
/// </summary>
internal static class Keyset
{
    public static Expression<Func<TRow, bool>> After<TRow>(ListOrder<TRow> order, MemberGraphDb db, ListPosition position)
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        var columns = order.Terms.Select(t => (Value: t.Key.Over(db, row), t.Direction))
            .Append((Value: Lambdas.Inline(order.Id, row), Direction: order.IdDirection))
            .ToList();
        var values = position.Keys.Append(position.Id).ToList();

        Expression? any = null;
        Expression? equalSoFar = null;
        for (var i = 0; i < columns.Count; i++)
        {
            var (column, direction) = columns[i];
            var value = Lambdas.Parameter(values[i], column.Type);
            var beyond = And(equalSoFar, Beyond(column, value, direction));
            any = any is null ? beyond : Expression.OrElse(any, beyond);
            equalSoFar = And(equalSoFar, Expression.Equal(column, value));
        }

        return Expression.Lambda<Func<TRow, bool>>(any!, row);
    }

    private static Expression And(Expression? left, Expression right) => left is null ? right : Expression.AndAlso(left, right);

    private static Expression Beyond(Expression column, Expression value, SortDirection direction)
    {
        if (column.Type == typeof(string))
        {
            // string.Compare(a, b) > 0 is how EF Core writes a > b for text (in the database's collation, as its ORDER BY).
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, column, value);
            return direction == SortDirection.Asc
                ? Expression.GreaterThan(compare, Expression.Constant(0))
                : Expression.LessThan(compare, Expression.Constant(0));
        }

        return direction == SortDirection.Asc ? Expression.GreaterThan(column, value) : Expression.LessThan(column, value);
    }
}
