using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberGraph.Data;

/// <summary>Rows whose keys nobody reads back (audit lines at commit): no RETURNING, not tracked, on every provider.</summary>
public static partial class MultiRowInsert
{
    /// <summary>SQL Server takes at most 2,100 parameters in one command; 100 rows of up to 20 columns stay under it.</summary>
    private const int RowsWithoutKeys = 100;

    /// <summary>
    /// Inserts rows whose generated keys nobody reads (audit lines), in statements of at most <see cref="RowsWithoutKeys"/> rows,
    /// on every provider (SQL Server takes a multi-row VALUES list as well). The rows are not tracked afterwards.
    /// </summary>
    public static void InsertWithoutKeys<T>(MemberGraphDb db, IReadOnlyList<T> rows)
        where T : class
    {
        foreach (var chunk in Chunks(rows))
        {
            var statement = MultiRowStatement.For(db, chunk[0].GetType(), chunk.Count, returnsKey: false);
            statement.CommandFor(db).ExecuteNonQuery(statement.ParametersFor(db, chunk, CommandSource.ExecuteSqlRaw));
        }
    }

    /// <inheritdoc cref="InsertWithoutKeys{T}"/>
    public static async Task InsertWithoutKeysAsync<T>(MemberGraphDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var chunk in Chunks(rows))
        {
            var statement = MultiRowStatement.For(db, chunk[0].GetType(), chunk.Count, returnsKey: false);
            await statement.CommandFor(db).ExecuteNonQueryAsync(statement.ParametersFor(db, chunk, CommandSource.ExecuteSqlRaw), cancellationToken);
        }
    }

    /// <summary>
    /// Inserts rows of several entity types whose keys nobody reads (what <see cref="RowsAtCommit"/> held for a commit): one
    /// command with an INSERT per type (<see cref="MultiRowBatch"/>) for up to <see cref="MultiRowBatch.MostRows"/> rows in all,
    /// else a command per type as <see cref="InsertWithoutKeys{T}"/>. Rows of one type keep their order; the types go in the order
    /// their first rows came.
    /// </summary>
    public static void InsertWithoutKeysByType(MemberGraphDb db, IReadOnlyList<object> rows)
    {
        var groups = ByType(rows);
        if (groups.Count > 1 && rows.Count <= MultiRowBatch.MostRows)
        {
            MultiRowBatch.For(db, groups).Run(db, groups);
            return;
        }

        foreach (var group in groups)
        {
            InsertWithoutKeys(db, group);
        }
    }

    /// <inheritdoc cref="InsertWithoutKeysByType"/>
    public static async Task InsertWithoutKeysByTypeAsync(MemberGraphDb db, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        var groups = ByType(rows);
        if (groups.Count > 1 && rows.Count <= MultiRowBatch.MostRows)
        {
            await MultiRowBatch.For(db, groups).RunAsync(db, groups, cancellationToken);
            return;
        }

        foreach (var group in groups)
        {
            await InsertWithoutKeysAsync(db, group, cancellationToken);
        }
    }

    private static List<IReadOnlyList<object>> ByType(IReadOnlyList<object> rows) =>
        [.. rows.GroupBy(r => r.GetType()).Select(g => (IReadOnlyList<object>)[.. g])];

    private static IEnumerable<IReadOnlyList<T>> Chunks<T>(IReadOnlyList<T> rows) =>
        rows.Count switch
        {
            0 => [],
            <= RowsWithoutKeys => [rows],
            _ => rows.Chunk(RowsWithoutKeys),
        };
}
