using System.Globalization;
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
        var first = FirstFrom(context);
        var after = context.GetArgument<string?>("after");
        long? position = null;
        if (after is not null)
        {
            position = Cursor.Decode(after) ?? throw new GraphQLRequestError(ErrorCodes.InvalidCursor,
                "'after' is not a cursor this API gave out: pass a page's endCursor (or an edge's cursor) exactly as it came.");
        }

        return new PageRequest(first, position);
    }

    /// <summary>The page size asked for (<see cref="DefaultPageSize"/> when left out); PAGE_SIZE_EXCEEDED outside 0 to <see cref="MaxPageSize"/>.</summary>
    public static int FirstFrom(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first") ?? DefaultPageSize;
        return first is < 0 or > MaxPageSize
            ? throw new GraphQLRequestError(ErrorCodes.PageSizeExceeded, $"'first' must be between 0 and {MaxPageSize}; it was {first}.")
            : first;
    }
}

/// <summary>An opaque cursor: base64 of <c>cursor:</c> and a position (a row id, never negative).</summary>
public static class Cursor
{
    private const string Prefix = "cursor:";

    /// <summary>Longer than any cursor <see cref="Encode"/> writes (base64 of "cursor:" and 19 digits is 36 characters).</summary>
    private const int MaxLength = 64;

    public static string Encode(long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// The position of a cursor this API gave out, else null. Only the exact text <see cref="Encode"/> writes counts:
    /// a sign, leading zeros, spaces or base64 that merely decodes to the same bytes would let clients make up
    /// positions (a negative one read everything from the start) and give one page two cursors.
    /// </summary>
    public static long? Decode(string cursor)
    {
        if (cursor.Length is 0 or > MaxLength)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(cursor);
        }
        catch (FormatException)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes);
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            && Encode(position) == cursor
                ? position
                : null;
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
