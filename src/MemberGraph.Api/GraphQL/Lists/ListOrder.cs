using System.Linq.Expressions;
using System.Reflection;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore.Query;

namespace MemberGraph.GraphQL.Lists;

/// <summary>
/// The order of one list request: the client's sort terms (none: the list's own order by id), then the row id in the
/// direction of the last term, so rows with equal keys keep one fixed order and a cursor names one place. A page is
/// one statement: <c>WHERE</c> (the filters, then "after the cursor" as a keyset comparison on the same keys),
/// <c>ORDER BY</c> the keys and the id, <c>LIMIT</c> first + 1, the keys selected beside each row for its cursor.
/// </summary>
public sealed class ListOrder<TRow>
{
    private readonly LambdaExpression? _idOnlyKeys;

    internal ListOrder(IReadOnlyList<SortTerm<TRow>> terms, Expression<Func<TRow, long>> id, SortDirection idDirection, Func<TRow, long> idOf)
    {
        Terms = terms;
        Id = id;
        IdOf = idOf;
        IdDirection = terms.Count > 0 ? terms[^1].Direction : idDirection;
        Signature = string.Join(",", terms.Select(t => $"{t.Key.Name}.{(t.Direction == SortDirection.Asc ? "ASC" : "DESC")}"));
        // Without sort terms the keys selected beside each row depend on nothing of the request: built once with the order.
        _idOnlyKeys = terms.Count == 0 ? BuildWithKeys(db: null) : null;
    }

    public IReadOnlyList<SortTerm<TRow>> Terms { get; }

    /// <summary>No sort terms: the list's own order by id, whose cursors are the plain id cursors lists always gave.</summary>
    public bool ById => Terms.Count == 0;

    /// <summary>The terms as a cursor carries them (<c>spendCents.DESC</c>), so a cursor is refused under another order.</summary>
    public string Signature { get; }

    internal Expression<Func<TRow, long>> Id { get; }

    internal SortDirection IdDirection { get; }

    /// <summary>The id of a row read (for its cursor), compiled once per list.</summary>
    internal Func<TRow, long> IdOf { get; }

    /// <summary>At most <paramref name="take"/> rows after the position, in order, with their keys: one statement.</summary>
    public IQueryable<Keyed<TRow>> Page(MemberGraphDb db, IQueryable<TRow> rows, ListPosition? after, int take) =>
        rows.Provider.CreateQuery<Keyed<TRow>>(PageOf(db, rows.Expression, after, take));

    /// <summary>
    /// One page per parent for a batch of parents, in one statement (EF Core numbers each parent's rows with
    /// <c>ROW_NUMBER() OVER (PARTITION BY ...)</c>), with each parent's count of matching rows when asked.
    /// </summary>
    public IQueryable<ParentPage<TRow>> PagesOf<TParent>(MemberGraphDb db, IQueryable<TParent> parents, Expression<Func<TParent, long>> parentId,
        IQueryable<TRow> rows, Expression<Func<TRow, long>> parentOfRow, ListPosition? after, int take, bool withTotal)
    {
        var parent = parentId.Parameters[0];
        var row = Expression.Parameter(typeof(TRow), "r");
        var ofParent = Expression.Lambda<Func<TRow, bool>>(Expression.Equal(Lambdas.Inline(parentOfRow, row), parentId.Body), row);
        var mine = Call(QueryableMethods.Where, [typeof(TRow)], rows.Expression, Expression.Quote(ofParent));
        var page = Expression.Call(Lambdas.ToList.MakeGenericMethod(typeof(Keyed<TRow>)), PageOf(db, mine, after, take));
        Expression total = withTotal
            ? Expression.Convert(Call(QueryableMethods.CountWithoutPredicate, [typeof(TRow)], mine), typeof(int?))
            : Expression.Constant(null, typeof(int?));
        var body = Expression.MemberInit(Expression.New(typeof(ParentPage<TRow>)),
            Expression.Bind(typeof(ParentPage<TRow>).GetProperty(nameof(ParentPage<TRow>.ParentId))!, parentId.Body),
            Expression.Bind(typeof(ParentPage<TRow>).GetProperty(nameof(ParentPage<TRow>.Rows))!, page),
            Expression.Bind(typeof(ParentPage<TRow>).GetProperty(nameof(ParentPage<TRow>.Total))!, total));
        return parents.Select(Expression.Lambda<Func<TParent, ParentPage<TRow>>>(body, parent));
    }

    private Expression PageOf(MemberGraphDb db, Expression rows, ListPosition? after, int take)
    {
        if (after is not null)
        {
            rows = Call(QueryableMethods.Where, [typeof(TRow)], rows, Expression.Quote(Keyset.After(this, db, after)));
        }

        var first = true;
        foreach (var (key, direction) in Terms.Select(t => (KeyLambda(t.Key, db), t.Direction)).Append((Id, IdDirection)))
        {
            var method = (first, direction) switch
            {
                (true, SortDirection.Asc) => QueryableMethods.OrderBy,
                (true, SortDirection.Desc) => QueryableMethods.OrderByDescending,
                (false, SortDirection.Asc) => QueryableMethods.ThenBy,
                _ => QueryableMethods.ThenByDescending,
            };
            rows = Call(method, [typeof(TRow), key.ReturnType], rows, Expression.Quote(key));
            first = false;
        }

        rows = Call(QueryableMethods.Take, [typeof(TRow)], rows, Lambdas.Parameter(take));
        return Call(QueryableMethods.Select, [typeof(TRow), typeof(Keyed<TRow>)], rows, Expression.Quote(_idOnlyKeys ?? BuildWithKeys(db)));
    }

    /// <summary><c>row =&gt; new Keyed { Row = row, Keys = new object[] { key1, key2 } }</c>.</summary>
    private LambdaExpression BuildWithKeys(MemberGraphDb? db)
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        var keys = Expression.NewArrayInit(typeof(object), Terms.Select(t => Expression.Convert(t.Key.Over(db!, row), typeof(object))));
        return Expression.Lambda(Expression.MemberInit(Expression.New(typeof(Keyed<TRow>)),
            Expression.Bind(typeof(Keyed<TRow>).GetProperty(nameof(Keyed<TRow>.Row))!, row),
            Expression.Bind(typeof(Keyed<TRow>).GetProperty(nameof(Keyed<TRow>.Keys))!, keys)), row);
    }

    private static LambdaExpression KeyLambda(SortKey<TRow> key, MemberGraphDb db)
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        return Expression.Lambda(key.Over(db, row), row);
    }

    /// <summary>
    /// A call of one of <see cref="Queryable"/>'s methods, from EF Core's list of their definitions: looking one up by name
    /// (<c>Expression.Call(typeof(Queryable), "Where", ...)</c>) copies all of Queryable's methods into a new array per call:
    /// the six calls of the home query's coupon page allocated about 9 of its 118 KB that way.
    /// </summary>
    private static MethodCallExpression Call(MethodInfo definition, Type[] types, params Expression[] arguments) =>
        Expression.Call(definition.MakeGenericMethod(types), arguments);
}
