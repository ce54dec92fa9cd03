using System.Data.Common;
using System.Globalization;
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
/// (<see cref="MultiRowStatement"/>) and run as a relational command, not through LINQ's raw-SQL query compilation. A single
/// row on the hot path (an order, its points lot and ledger entry) goes in the same way rather than through SaveChanges: change
/// detection over everything tracked and the update pipeline cost more than the INSERT itself. A database refusal (a unique
/// index, a lost conflict) comes out as the <see cref="DbUpdateException"/> SaveChanges would have thrown, so callers' retries
/// keep working. Single rows take this way on SQLite, which sends one statement per row from SaveChanges as well, and on
/// PostgreSQL, where the save's change detection costs more than the round trip its batching would spare; on SQL Server
/// everything goes through SaveChanges.
/// </remarks>
public static partial class MultiRowInsert
{
    /// <summary>Inserts <paramref name="rows"/> in one statement, sets their generated keys and tracks them as saved.</summary>
    /// <param name="distinctBy">A column whose values differ between the rows (a line number): RETURNING answers each key with it.</param>
    public static Task InsertAsync<T>(MemberGraphDb db, IReadOnlyList<T> rows, Expression<Func<T, int>> distinctBy, CancellationToken cancellationToken)
        where T : class => InsertKeyedAsync(db, rows, distinctBy, track: true, cancellationToken);

    /// <summary>
    /// Inserts <paramref name="rows"/> in one statement and sets their generated keys, untracked: rows nothing later in the transaction
    /// changes (an order's lines), so the commit's change detection has fewer entities to look through.
    /// </summary>
    /// <param name="distinctBy">A column whose values differ between the rows (a line number): RETURNING answers each key with it.</param>
    public static Task InsertUntrackedAsync<T>(MemberGraphDb db, IReadOnlyList<T> rows, Expression<Func<T, int>> distinctBy, CancellationToken cancellationToken)
        where T : class => InsertKeyedAsync(db, rows, distinctBy, track: false, cancellationToken);

    private static async Task InsertKeyedAsync<T>(MemberGraphDb db, IReadOnlyList<T> rows, Expression<Func<T, int>> distinctBy, bool track,
        CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Engine == DatabaseKind.SqlServer)
        {
            db.Set<T>().AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            if (!track)
            {
                foreach (var row in rows)
                {
                    db.Entry(row).State = EntityState.Detached;
                }
            }

            return;
        }

        var statement = MultiRowStatement.For(db, typeof(T), rows.Count, returnsKey: true, ((MemberExpression)distinctBy.Body).Member.Name);
        var keys = new Dictionary<int, long>(rows.Count);
        await RunAsync(db, statement, rows, reader => keys.Add(
            Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)), cancellationToken);
        if (keys.Count != rows.Count)
        {
            throw new InvalidOperationException($"Inserting {rows.Count} {typeof(T).Name} rows returned {keys.Count} keys.");
        }

        foreach (var row in rows)
        {
            statement.SetKey(row, keys[statement.MatchOf(row)]);
        }

        if (track)
        {
            Track(db, rows);
        }
    }

    /// <summary>
    /// Inserts one row, sets its generated key and tracks it as saved, for handlers later in the transaction that change it
    /// (SaveChanges then writes their change as an UPDATE, as it would have after inserting the row itself).
    /// </summary>
    public static async Task InsertAsync<T>(MemberGraphDb db, T row, CancellationToken cancellationToken)
        where T : class
    {
        if (await InsertOneAsync(db, row, cancellationToken))
        {
            Track(db, [row]);
        }
    }

    /// <summary>
    /// Inserts one row nothing later in the transaction changes (a ledger entry) and sets its generated key; the row is not
    /// tracked, so later saves have one entity fewer to look through.
    /// </summary>
    public static Task InsertUntrackedAsync<T>(MemberGraphDb db, T row, CancellationToken cancellationToken)
        where T : class => InsertUntrackedAsync(db, [row], cancellationToken);

    /// <summary>
    /// Inserts single rows of any types that go in together (an order's points lot and its ledger entry), each with its own
    /// key, untracked: each is one statement on SQLite and PostgreSQL, through SaveChanges on SQL Server. PostgreSQL would take the
    /// rows of one save as one batch, a round trip fewer, but the save's change detection and update pipeline cost the gateway more
    /// CPU than the round trip: with its own statements, <c>recordOrder</c> at 8 clients ran 357 and 471 orders/s against 308 and 380
    /// with the batch (two rounds each, alternating), 16.2 statements per order instead of 15.2.
    /// </summary>
    public static async Task InsertUntrackedAsync(MemberGraphDb db, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (db.Engine == DatabaseKind.SqlServer)
        {
            foreach (var row in rows)
            {
                db.Add(row);
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            return;
        }

        foreach (var row in rows)
        {
            await InsertOneAsync(db, row, cancellationToken);
        }
    }

    /// <summary>
    /// The row inserted and its key set: true by its own statement (SQLite and PostgreSQL: one row is one command there either way),
    /// false by SaveChanges (SQL Server, whose key comes back through OUTPUT, which <see cref="MultiRowStatement"/> does not write).
    /// </summary>
    private static async Task<bool> InsertOneAsync(MemberGraphDb db, object row, CancellationToken cancellationToken)
    {
        if (db.Engine == DatabaseKind.SqlServer)
        {
            db.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        var statement = MultiRowStatement.For(db, row.GetType(), 1, returnsKey: true);
        long? key = null;
        await RunAsync(db, statement, [row], reader => key = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), cancellationToken);
        statement.SetKey(row, key ?? throw new InvalidOperationException($"Inserting a {row.GetType().Name} row returned no key."));
        return true;
    }

    private static async Task RunAsync<T>(MemberGraphDb db, MultiRowStatement statement, IReadOnlyList<T> rows, Action<DbDataReader> readKey,
        CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var reader = await statement.CommandFor(db).ExecuteReaderAsync(statement.ParametersFor(db, rows, CommandSource.FromSqlQuery), cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                readKey(reader.DbDataReader);
            }
        }
        catch (DbException refused)
        {
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", refused);
        }
    }

    /// <summary>
    /// The rows as saved (their keys set): tracked Unchanged. Change detection is off meanwhile: <c>Entry</c> would otherwise
    /// scan every tracked entity once per row, for changes the rows do not depend on and the next SaveChanges detects anyway.
    /// </summary>
    private static void Track<T>(MemberGraphDb db, IReadOnlyList<T> rows)
        where T : class
    {
        using (new ChangeDetectionOff(db))
        {
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Unchanged;
            }
        }
    }
}
