using System.Linq.Expressions;
using MemberGraph.GraphQL.Lists;

namespace MemberGraph.GraphQL.DataLoaders;

/// <summary>The rows of a batch: the filter every loader starts with.</summary>
public static class KeyFilter
{
    /// <summary>
    /// Rows whose key is one of the batch's keys. A batch of one (the mini-program's <c>me</c>, a <c>node</c> lookup)
    /// becomes <c>key = @id</c>, a statement EF Core caches whole; a larger batch becomes <c>key IN (...)</c>, whose
    /// SQL EF Core 10 writes per list length at run time.
    /// </summary>
    public static IQueryable<T> WhereKeyIn<T>(this IQueryable<T> rows, Expression<Func<T, long>> key, IReadOnlyList<long> ids)
    {
        Expression match;
        if (ids.Count == 1)
        {
            var id = ids[0];
            Expression<Func<long>> single = () => id;
            match = Expression.Equal(key.Body, single.Body);
        }
        else
        {
            Expression<Func<IReadOnlyList<long>>> batch = () => ids;
            match = Expression.Call(Lambdas.Contains.MakeGenericMethod(typeof(long)), batch.Body, key.Body);
        }

        return rows.Where(Expression.Lambda<Func<T, bool>>(match, key.Parameters));
    }
}
