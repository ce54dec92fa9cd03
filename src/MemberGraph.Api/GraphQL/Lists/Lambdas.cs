using System.Linq.Expressions;
using System.Reflection;

namespace MemberGraph.GraphQL.Lists;

/// <summary>Small expression-tree tools: inline a lambda's body with other arguments, and values EF Core sends as parameters.</summary>
internal static class Lambdas
{
    /// <summary>
    /// <see cref="Enumerable.Contains{TSource}(IEnumerable{TSource}, TSource)"/>'s definition, taken once: finding it by name
    /// (<c>Expression.Call(typeof(Enumerable), "Contains", ...)</c>) copies all of Enumerable's methods into a new array per call.
    /// </summary>
    public static readonly MethodInfo Contains = new Func<IEnumerable<object>, object, bool>(Enumerable.Contains).Method.GetGenericMethodDefinition();

    /// <summary><see cref="Enumerable.ToList{TSource}"/>'s definition, taken once (see <see cref="Contains"/>).</summary>
    public static readonly MethodInfo ToList = new Func<IEnumerable<object>, List<object>>(Enumerable.ToList).Method.GetGenericMethodDefinition();

    /// <summary>The lambda's body with each parameter replaced by the given argument (<c>(a, b) =&gt; f(a, b)</c> applied to x, y is <c>f(x, y)</c>).</summary>
    public static Expression Inline(LambdaExpression lambda, params Expression[] arguments)
    {
        var map = lambda.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second);
        return new Substitution(map).Visit(lambda.Body);
    }

    /// <summary>
    /// A value as EF Core sees a captured variable: a SQL parameter (<c>@p</c>), so the statement text, and its cached
    /// plan, does not change with the value — a constant would be written into the SQL.
    /// </summary>
    public static Expression Parameter<T>(T value)
    {
        Expression<Func<T>> captured = () => value;
        return captured.Body;
    }

    /// <summary><see cref="Parameter{T}"/> for a value whose type is known only at run time.</summary>
    public static Expression Parameter(object? value, Type type) =>
        (Expression)typeof(Lambdas).GetMethod(nameof(ParameterOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [value])!;

    private static Expression ParameterOf<T>(T value) => Parameter(value);

    private sealed class Substitution(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
