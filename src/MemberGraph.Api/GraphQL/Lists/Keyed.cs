namespace MemberGraph.GraphQL.Lists;

/// <summary>A row of a page with the values of its sort keys, read in the same statement (they may be subqueries), for its cursor.</summary>
public sealed class Keyed<TRow>
{
    public TRow Row { get; init; } = default!;

    /// <summary>The sort keys' values, in the order's terms order.</summary>
    public object[] Keys { get; init; } = [];
}

/// <summary>Pages of a batch of parents (a level of members), read in one statement: each parent's rows and, when asked, its count.</summary>
public sealed class ParentPage<TRow>
{
    public long ParentId { get; init; }

    public List<Keyed<TRow>> Rows { get; init; } = [];

    public int? Total { get; init; }
}

/// <summary>Where a page starts: after the row with these sort key values and this id (what a cursor holds).</summary>
public sealed record ListPosition(IReadOnlyList<object> Keys, long Id);
