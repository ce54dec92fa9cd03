using System.Data.Common;
using System.Text;

namespace MemberGraph.Seeding;

/// <summary>
/// Bulk INSERTs of explicit-id rows, for demo data on SQLite and SQL Server alike. SQLite runs in-process, so one
/// prepared single-row statement, reused for every row, is fastest (no SQL text to build or parse per row, a few
/// parameters to bind instead of thousands looked up by name). SQL Server pays a round trip per command, so rows are
/// buffered and sent as multi-row statements (same text for every full batch, so its plan is reused), with
/// IDENTITY_INSERT around them.
/// A child table flushes its parent first (foreign keys).
/// </summary>
internal sealed class BatchInsert(DbConnection connection, string table, string[] columns, bool isSqlServer, BatchInsert? parent = null) : IAsyncDisposable
{
    // SQL Server allows 2,100 parameters per command.
    private readonly int _rowsPerStatement = isSqlServer ? Math.Max(1, Math.Min(1000, 2000 / columns.Length)) : 1;
    private readonly List<object?[]> _rows = [];
    private DbCommand? _prepared;
    private DbTransaction? _transaction;

    public void Enlist(DbTransaction transaction)
    {
        _transaction = transaction;
        if (_prepared is not null)
        {
            _prepared.Transaction = transaction;
        }
    }

    public async Task AddAsync(object?[] row, CancellationToken cancellationToken)
    {
        _rows.Add(row);
        if (_rows.Count == _rowsPerStatement)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        if (parent is not null)
        {
            await parent.FlushAsync(cancellationToken);
        }

        if (!isSqlServer)
        {
            _prepared ??= Prepare(1);
            await ExecuteAsync(_prepared, cancellationToken);
        }
        else
        {
            // A fresh command per batch: SqlClient infers each parameter's type from its first value.
            await using var batch = Prepare(_rows.Count);
            await ExecuteAsync(batch, cancellationToken);
        }

        _rows.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_prepared is not null)
        {
            await _prepared.DisposeAsync();
        }
    }

    private DbCommand Prepare(int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = _transaction;
        var sql = new StringBuilder();
        if (isSqlServer)
        {
            sql.Append($"SET IDENTITY_INSERT [{table}] ON;");
        }

        sql.Append($"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{r}_{c}";
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? parameter.ParameterName : ", " + parameter.ParameterName);
            }

            sql.Append(')');
        }

        if (isSqlServer)
        {
            sql.Append($";SET IDENTITY_INSERT [{table}] OFF;");
        }

        command.CommandText = sql.ToString();
        if (!isSqlServer)
        {
            // SqlClient's Prepare wants explicit sizes for every string parameter; its plan cache does the job there.
            command.Prepare();
        }

        return command;
    }

    private async Task ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var parameters = command.Parameters;
        for (var r = 0; r < _rows.Count; r++)
        {
            var row = _rows[r];
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[r * columns.Length + c].Value = row[c] switch
                {
                    null => DBNull.Value,
                    DateOnly d => isSqlServer ? d.ToDateTime(TimeOnly.MinValue) : d.ToString("yyyy-MM-dd"),
                    DateTime t => isSqlServer ? t : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"),
                    var value => value,
                };
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
