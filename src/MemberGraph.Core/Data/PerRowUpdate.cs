using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// One UPDATE that gives each listed row its own values, each row only while its guard columns still hold what was read:
/// <c>UPDATE "T" SET "A" = CASE "Id" WHEN @id_0 THEN @A_0 WHEN @id_1 THEN @A_1 ... ELSE "A" END, ... WHERE ("Id" = @id_0 AND
/// "G" = @wasG_0) OR ...</c>. EF Core's SQLite provider sends one UPDATE per changed row (it does not batch), so a refund of five
/// lines would be five statements; <c>ExecuteUpdate</c> with per-row <c>CASE</c> setters is one, but goes through EF's LINQ pipeline
/// on every run (its funcletizer evaluates every captured key and value). This is the same statement run as <see cref="SqlWrite"/>
/// runs its own: text and typed parameters built once per engine and row count, an EF relational command in the context's
/// transaction (interceptors and the statement counter see it).
/// </summary>
/// <param name="table">The table, as the model names it.</param>
/// <param name="key">The key property (a <c>long</c>), also its column.</param>
/// <param name="set">The properties each row gets a value of its own for.</param>
/// <param name="guard">The properties a row must still hold its read value of to be updated.</param>
public sealed class PerRowUpdate<TEntity>(string table, string key, string[] set, string[] guard)
{
    // Keyed by the provider's context type and the number of rows (a refund's lines: at most an order's line limit).
    private readonly ConcurrentDictionary<(Type Context, int Rows), SqlStatement> _statements = new();

    /// <summary>One row: its key, its new values (in the order of <c>set</c>) and the values it must still hold (of <c>guard</c>).</summary>
    public sealed record Row(long Key, object?[] Values, object?[] Was);

    /// <summary>Runs the update; answers how many rows it changed (fewer than given when a guard no longer held).</summary>
    public Task<int> ExecuteAsync(MemberGraphDb db, IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0 || rows.Any(r => r.Values.Length != set.Length || r.Was.Length != guard.Length))
        {
            throw new ArgumentException($"Give at least one row, each with {set.Length} values and {guard.Length} guards.", nameof(rows));
        }

        var statement = _statements.GetOrAdd((db.GetType(), rows.Count), k => SqlStatement.Build(db, _ => Text(k.Rows), Args(k.Rows), 0));
        var values = new object?[rows.Count * (1 + set.Length + guard.Length)];
        var i = 0;
        foreach (var row in rows)
        {
            values[i++] = row.Key;
            row.Values.CopyTo(values, i);
            i += set.Length;
            row.Was.CopyTo(values, i);
            i += guard.Length;
        }

        var parameters = new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), statement.ValuesOf(values), null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.ExecuteUpdate);
        return statement.CommandFor(db).ExecuteNonQueryAsync(parameters, cancellationToken);
    }

    /// <summary>The statement's text for <paramref name="rows"/> rows, identifiers as <c>"Name"</c> and parameters as <c>@name</c>.</summary>
    internal string Text(int rows)
    {
        var setters = set.Select(column =>
            $"\"{column}\" = CASE \"{key}\"{string.Concat(Enumerable.Range(0, rows).Select(n => $" WHEN @id_{n} THEN @{column}_{n}"))} ELSE \"{column}\" END");
        var matches = Enumerable.Range(0, rows).Select(n =>
            $"(\"{key}\" = @id_{n}{string.Concat(guard.Select(column => $" AND \"{column}\" = @was{column}_{n}"))})");
        return $"UPDATE \"{table}\" SET {string.Join(", ", setters)} WHERE {string.Join(" OR ", matches)}";
    }

    // In the order ExecuteAsync lays out the values: per row, the key, the new values, the guards.
    private SqlArg[] Args(int rows) =>
    [
        .. Enumerable.Range(0, rows).SelectMany(n => (IEnumerable<SqlArg>)
        [
            SqlArg.Like<TEntity>($"id_{n}", key),
            .. set.Select(column => SqlArg.Like<TEntity>($"{column}_{n}", column)),
            .. guard.Select(column => SqlArg.Like<TEntity>($"was{column}_{n}", column)),
        ]),
    ];
}
