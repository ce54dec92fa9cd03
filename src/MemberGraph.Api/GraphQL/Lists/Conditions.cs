using System.Linq.Expressions;

namespace MemberGraph.GraphQL.Lists;

/// <summary>
/// Applies <see cref="RangeFilter{T}"/> and <see cref="ChoiceFilter{T}"/> to a query as LINQ predicates over a value of the
/// row (a column or a subquery), so EF Core writes them into the statement's WHERE with the values as SQL parameters.
/// Nothing is filtered in memory.
/// </summary>
public static class Conditions
{
    /// <summary>Most values in one <c>in</c>, like the page size and every other list input.</summary>
    public const int MaxValues = 100;

    public static IQueryable<TRow> Where<TRow, T>(this IQueryable<TRow> rows, string name, Expression<Func<TRow, T>> value, RangeFilter<T>? filter)
        where T : struct =>
        filter is null ? rows : rows.Where(Range<TRow, T>(name, value, filter));

    /// <summary>A value that may be missing (null): such rows meet no condition.</summary>
    public static IQueryable<TRow> Where<TRow, T>(this IQueryable<TRow> rows, string name, Expression<Func<TRow, T?>> value, RangeFilter<T>? filter)
        where T : struct =>
        filter is null ? rows : rows.Where(Range<TRow, T>(name, value, filter));

    public static IQueryable<TRow> Where<TRow, T>(this IQueryable<TRow> rows, string name, Expression<Func<TRow, T>> value, ChoiceFilter<T>? filter)
        where T : struct, Enum
    {
        if (filter is null)
        {
            return rows;
        }

        var conditions = new List<Expression>();
        if (filter.Eq is { } eq)
        {
            conditions.Add(Expression.Equal(value.Body, Lambdas.Parameter(eq)));
        }

        if (filter.In is { } choices)
        {
            conditions.Add(In(name, value.Body, choices));
        }

        return rows.Where(All<TRow>(conditions, value.Parameters[0]));
    }

    private static Expression<Func<TRow, bool>> Range<TRow, T>(string name, LambdaExpression value, RangeFilter<T> filter) where T : struct
    {
        // A nullable value compares as its value when it has one (x.Value), so a missing one meets no condition.
        var body = value.Body;
        var present = Nullable.GetUnderlyingType(body.Type) is null ? null : Expression.NotEqual(body, Expression.Constant(null, body.Type));
        var plain = present is null ? body : Expression.Property(body, nameof(Nullable<int>.Value));
        var conditions = new List<Expression>();
        void Compare(T? bound, Func<Expression, Expression, BinaryExpression> compare)
        {
            if (bound is { } given)
            {
                conditions.Add(compare(plain, Lambdas.Parameter(Normalized(given))));
            }
        }

        Compare(filter.Eq, Expression.Equal);
        Compare(filter.Gt, Expression.GreaterThan);
        Compare(filter.Gte, Expression.GreaterThanOrEqual);
        Compare(filter.Lt, Expression.LessThan);
        Compare(filter.Lte, Expression.LessThanOrEqual);
        if (filter.In is { } values)
        {
            conditions.Add(In(name, plain, values.Select(Normalized).ToList()));
        }

        if (present is not null && conditions.Count > 0)
        {
            conditions.Insert(0, present);
        }

        return All<TRow>(conditions, value.Parameters[0]);
    }

    private static Expression In<T>(string name, Expression value, List<T> values)
    {
        if (values.Count > MaxValues)
        {
            throw GraphQLRequestError.BadInput($"'{name}.in' takes at most {MaxValues} values; it had {values.Count}.");
        }

        return Expression.Call(Lambdas.Contains.MakeGenericMethod(typeof(T)), Lambdas.Parameter(values), value);
    }

    private static Expression<Func<TRow, bool>> All<TRow>(List<Expression> conditions, ParameterExpression row) =>
        Expression.Lambda<Func<TRow, bool>>(conditions.Count == 0 ? Expression.Constant(true) : conditions.Aggregate(Expression.AndAlso), row);

    /// <summary>Instants are stored in UTC: one given with an offset (parsed as local time) or without a zone is compared in UTC.</summary>
    private static T Normalized<T>(T value) => value switch
    {
        DateTime { Kind: DateTimeKind.Local } local => (T)(object)local.ToUniversalTime(),
        DateTime { Kind: DateTimeKind.Unspecified } unmarked => (T)(object)DateTime.SpecifyKind(unmarked, DateTimeKind.Utc),
        _ => value,
    };
}
