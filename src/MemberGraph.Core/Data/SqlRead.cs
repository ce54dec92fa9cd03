using System.Collections.Concurrent;
using System.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// One statement that answers rows (a SELECT, or an UPDATE with RETURNING) run without EF Core's LINQ query pipeline: its text is
/// rendered once per engine, its parameters typed once from the EF model (<see cref="SqlArg"/>), and each run builds an
/// <see cref="IRelationalCommand"/> on the context's connection and current transaction and maps the rows with
/// <see cref="SqlRow"/>, whose values are converted as EF converts them. The command goes through EF's relational pipeline, so
/// interceptors (the command counter, the log, the held connection) see it as any other.
/// </summary>
/// <remarks>
/// Why: EF Core binds a query's shaper to a fresh closure on every execution (a <c>DynamicMethod.CreateDelegate</c> per run,
/// compiled queries and FromSql included), which was 8 % of the CPU of recording an order. The hot reads of the write paths
/// (a handful of statements, each run for every order) go through here; cold reads (admin lists, GraphQL lists, jobs) stay LINQ.
/// </remarks>
public sealed class SqlRead<TRow>
{
    // Keyed by the provider's context type (each has its own model and SQL) and, for a read with a list, the list's padded size
    // (1, 2, 4, ... so a handful of texts cover every size). Immutable once built, like EF's own query cache.
    private readonly ConcurrentDictionary<(Type Context, int ListSize), SqlStatement> _statements = new();
    private readonly Func<SqlDialect, string> _text;
    private readonly Func<SqlRow, TRow> _map;
    private readonly SqlArg[] _args;

    /// <param name="text">The statement, identifiers as <c>"Name"</c>, parameters as <c>@name</c> (declared in <paramref name="args"/>).</param>
    /// <param name="map">One row to a <typeparamref name="TRow"/>.</param>
    /// <param name="args">The parameters; their values are given to each run in this order.</param>
    public SqlRead(Func<SqlDialect, string> text, Func<SqlRow, TRow> map, params SqlArg[] args)
    {
        _text = text;
        _map = map;
        _args = args;
    }

    /// <summary>Every row, in the order the statement answers them.</summary>
    public async Task<List<TRow>> ListAsync(MemberGraphDb db, object?[] values, CancellationToken cancellationToken)
    {
        var rows = new List<TRow>();
        await ReadAsync(db, values, rows, int.MaxValue, cancellationToken);
        return rows;
    }

    /// <summary>The first row, or the default of <typeparamref name="TRow"/> when there is none.</summary>
    public async Task<TRow?> FirstOrDefaultAsync(MemberGraphDb db, object?[] values, CancellationToken cancellationToken)
    {
        var rows = new List<TRow>(1);
        await ReadAsync(db, values, rows, 1, cancellationToken);
        return rows.Count == 0 ? default : rows[0];
    }

    private async Task ReadAsync(MemberGraphDb db, object?[] values, List<TRow> rows, int most, CancellationToken cancellationToken)
    {
        if (values.Length != _args.Length)
        {
            throw new ArgumentException($"The read takes {_args.Length} values, not {values.Length}.", nameof(values));
        }

        var statement = StatementFor(db, values);
        var parameters = new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), statement.ValuesOf(values), null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery);
        await using var reader = await statement.CommandFor(db).ExecuteReaderAsync(parameters, cancellationToken);
        var row = new SqlRow(db, reader.DbDataReader);
        while (rows.Count < most && await reader.ReadAsync(cancellationToken))
        {
            rows.Add(_map(row));
        }
    }

    /// <summary>The text sent to <paramref name="db"/>'s engine for these values (tests read its plan).</summary>
    internal string TextFor(MemberGraphDb db, object?[] values) => StatementFor(db, values).Sql;

    private SqlStatement StatementFor(MemberGraphDb db, object?[] values) =>
        _statements.GetOrAdd((db.GetType(), ListSize(values)), key => SqlStatement.Build(db, _text, _args, key.ListSize));

    // The lists of one read are as long as each other (the channels and the external ids of the same keys, say): one padded size.
    private int ListSize(object?[] values)
    {
        int? count = null;
        for (var i = 0; i < _args.Length; i++)
        {
            if (_args[i].IsList)
            {
                var length = ((System.Collections.ICollection)values[i]!).Count;
                if (count is { } other && other != length)
                {
                    throw new ArgumentException($"The lists of a read are as long as each other: @{_args[i].Name} has {length} values, not {other}.", nameof(values));
                }

                count = length;
            }
        }

        return count switch
        {
            null => 0,
            <= 1 => 1,
            { } n => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n),
        };
    }
}
