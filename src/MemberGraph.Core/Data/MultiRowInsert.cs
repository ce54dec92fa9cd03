using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// Inserts new rows of one entity type in one statement, inside the context's transaction. EF Core's SQLite provider
/// sends one INSERT per row (it does not batch), which made every line of an order, and every commission line, a
/// statement of its own. On SQLite and PostgreSQL the rows go in as one <c>INSERT ... VALUES (...), (...) RETURNING</c>;
/// RETURNING promises no order, so the generated keys are matched back by a column whose values differ between the rows
/// (a line number). The rows are then tracked as saved, as SaveChanges would have left them. SQL Server batches inserts
/// on its own, so there the rows go through SaveChanges.
/// </summary>
/// <remarks>
/// Columns, converters and parameters come from the EF model (each property's own type mapping), so the row is written
/// exactly as SaveChanges would write it; the command goes through EF's command pipeline, interceptors (the command counter)
/// included. It runs inside an order's write turn, so the statement is built once per provider, entity type and row count
/// (<see cref="MultiRowStatement"/>) and run as a relational command, not through LINQ's raw-SQL query compilation.
/// </remarks>
public static partial class MultiRowInsert
{
    // Keyed by the provider's context type (each has its own model and SQL), the entity type and the number of rows: list inputs
    // are capped at 100, so this holds at most a few hundred statements. Immutable once built, like EF's own query cache.
    private static readonly ConcurrentDictionary<(Type Context, Type Entity, string Match, int Rows), MultiRowStatement> Statements = new();

    public static async Task InsertAsync<T>(MemberGraphDb db, IReadOnlyList<T> rows, Expression<Func<T, int>> distinctBy, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.IsSqlServer())
        {
            db.Set<T>().AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var matchName = ((MemberExpression)distinctBy.Body).Member.Name;
        var statement = Statements.GetOrAdd((db.GetType(), typeof(T), matchName, rows.Count), key => MultiRowStatement.Build(db, key.Entity, key.Match, key.Rows));
        var keys = await RunAsync(db, statement, statement.ValuesOf(rows, truncateToMicroseconds: db.Database.IsNpgsql()), cancellationToken);
        if (keys.Count != rows.Count)
        {
            throw new InvalidOperationException($"Inserting {rows.Count} {typeof(T).Name} rows returned {keys.Count} keys.");
        }

        Track(db, statement, rows, keys);
    }

    private static async Task<Dictionary<int, long>> RunAsync(MemberGraphDb db, MultiRowStatement statement, Dictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<int, long>(values.Count);
        var parameters = new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), values, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery);
        await using var reader = await statement.CommandFor(db).ExecuteReaderAsync(parameters, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Convert.ToInt32(reader.DbDataReader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.DbDataReader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return keys;
    }

    /// <summary>
    /// The rows as saved: their keys set and tracked Unchanged. Change detection is off meanwhile: <c>Entry</c> would otherwise
    /// scan every tracked entity once per row, for changes the rows do not depend on and the next SaveChanges detects anyway.
    /// </summary>
    private static void Track<T>(MemberGraphDb db, MultiRowStatement statement, IReadOnlyList<T> rows, Dictionary<int, long> keys)
        where T : class
    {
        var tracker = db.ChangeTracker;
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var row in rows)
            {
                statement.SetKey(row, keys[statement.MatchOf(row)]);
                db.Entry(row).State = EntityState.Unchanged;
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }
}
