using System.Text;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;

namespace MemberGraph.GraphQL.Relay;

/// <summary>
/// Keyset paging for Relay connections: a cursor is an opaque position (usually the row id) and a page is
/// "the next <c>first</c> rows after that position", so deep pages cost the same as the first one.
/// </summary>
public sealed record PageRequest(int First, long? After)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public static PageRequest From(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first") ?? DefaultPageSize;
        if (first is < 0 or > MaxPageSize)
        {
            throw new GraphQLRequestError(ErrorCodes.PageSizeExceeded, $"'first' must be between 0 and {MaxPageSize}; it was {first}.");
        }

        var after = context.GetArgument<string?>("after");
        long? position = null;
        if (after is not null)
        {
            position = Cursor.Decode(after) ?? throw GraphQLRequestError.BadInput("'after' is not a cursor this API gave out.");
        }

        return new PageRequest(first, position);
    }
}

public static class Cursor
{
    private const string Prefix = "cursor:";

    public static string Encode(long position) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + position));

    public static long? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal) && long.TryParse(text.AsSpan(Prefix.Length), out var position) ? position : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public static class Connections
{
    /// <summary>Builds a connection from up to <c>First + 1</c> rows fetched after the cursor (the extra row tells if there is a next page).</summary>
    public static Connection<T> Build<T>(IReadOnlyList<T> rows, PageRequest page, Func<T, long> position, int? totalCount)
    {
        var items = rows.Take(page.First).ToList();
        var edges = items.Select(item => new Edge<T> { Node = item, Cursor = Cursor.Encode(position(item)) }).ToList();
        return new Connection<T>
        {
            Edges = edges,
            TotalCount = totalCount,
            PageInfo = new PageInfo
            {
                HasNextPage = rows.Count > page.First,
                HasPreviousPage = page.After is not null,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }

    /// <summary>Adds the <c>first</c>/<c>after</c> arguments every connection field takes.</summary>
    public static FieldType WithPagingArguments(this FieldType field)
    {
        field.Arguments ??= new QueryArguments();
        field.Arguments.Add(new QueryArgument<IntGraphType> { Name = "first", Description = $"Page size, at most {PageRequest.MaxPageSize} (default {PageRequest.DefaultPageSize})." });
        field.Arguments.Add(new QueryArgument<StringGraphType> { Name = "after", Description = "The endCursor of the previous page." });
        return field;
    }

    /// <summary>True when the query asked for totalCount, so the count query runs only when it is wanted.</summary>
    public static bool WantsTotalCount(this IResolveFieldContext context) =>
        context.SubFields?.ContainsKey("totalCount") == true;
}
