using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.GraphQL.Lists;

/// <summary>
/// One page request of a list that takes <c>order</c>: the page size, the order, and the position after the cursor. Under
/// the list's own order (no <c>order</c>) cursors are the plain id cursors every list gives (<see cref="Cursor"/>), so
/// cursors handed out before lists could be sorted still work; a sorted page's cursors carry its keys (<see cref="SortedCursor"/>).
/// </summary>
public sealed record ListPage<TRow>(int First, ListOrder<TRow> Order, ListPosition? After, string? AfterCursor)
{
    /// <summary>Reads <c>first</c>, <c>order</c> and <c>after</c>: PAGE_SIZE_EXCEEDED, BAD_USER_INPUT, INVALID_CURSOR.</summary>
    public static ListPage<TRow> From(IResolveFieldContext context, SortCatalog<TRow> catalog)
    {
        var first = PageRequest.FirstFrom(context);
        var order = catalog.OrderFrom(context);
        if (context.GetArgument<string?>("after") is not { } cursor)
        {
            return new ListPage<TRow>(first, order, null, null);
        }

        var after = order.ById
            ? Cursor.Decode(cursor) is { } id ? new ListPosition([], id) : null
            : SortedCursor.Decode(cursor, order);
        return after is null
            ? throw new GraphQLRequestError(ErrorCodes.InvalidCursor,
                "'after' is not a cursor of this list in this order: pass a page's endCursor exactly as it came, with the same 'order'.")
            : new ListPage<TRow>(first, order, after, cursor);
    }

    /// <summary>Rows to read: one more than the page, to know whether there is a next page.</summary>
    public int Take => First + 1;

    /// <summary>What tells one page request from another in a DataLoader's name (the where is the caller's to add).</summary>
    public string Key => $"{First}:{Order.Signature}:{AfterCursor}";

    public Connection<TRow> Connection(IReadOnlyList<Keyed<TRow>> rows, int? totalCount)
    {
        var edges = rows.Take(First).Select(r => new Edge<TRow> { Node = r.Row, Cursor = CursorOf(r) }).ToList();
        return new Connection<TRow>
        {
            Edges = edges,
            TotalCount = totalCount,
            PageInfo = new PageInfo
            {
                HasNextPage = rows.Count > First,
                HasPreviousPage = After is not null,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }

    private string CursorOf(Keyed<TRow> row) => Order.ById
        ? Cursor.Encode(Order.IdOf(row.Row))
        : SortedCursor.Encode(Order.Signature, row.Keys, Order.IdOf(row.Row));
}
