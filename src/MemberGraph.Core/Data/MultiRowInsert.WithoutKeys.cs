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
            var statement = MultiRowStatement.For(db, typeof(T), chunk.Count, returnsKey: false);
            statement.CommandFor(db).ExecuteNonQuery(statement.ParametersFor(db, chunk, CommandSource.ExecuteSqlRaw));
        }
    }

    /// <inheritdoc cref="InsertWithoutKeys{T}"/>
    public static async Task InsertWithoutKeysAsync<T>(MemberGraphDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var chunk in Chunks(rows))
        {
            var statement = MultiRowStatement.For(db, typeof(T), chunk.Count, returnsKey: false);
            await statement.CommandFor(db).ExecuteNonQueryAsync(statement.ParametersFor(db, chunk, CommandSource.ExecuteSqlRaw), cancellationToken);
        }
    }

    private static IEnumerable<IReadOnlyList<T>> Chunks<T>(IReadOnlyList<T> rows) =>
        rows.Count switch
        {
            0 => [],
            <= RowsWithoutKeys => [rows],
            _ => rows.Chunk(RowsWithoutKeys),
        };
}
