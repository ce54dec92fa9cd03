using System.Data.Common;
using System.Text;

namespace MemberGraph.Seeding;

/// <summary>
/// Multi-row INSERTs with parameters, for bulk demo data on SQLite and SQL Server alike.
/// Explicit ids are written (SQL Server needs IDENTITY_INSERT for that); a child table flushes its parent first.
/// </summary>
internal sealed class BatchInsert(DbConnection connection, string table, string[] columns, bool isSqlServer, BatchInsert? parent = null)
{
    // SQLite allows 32,766 parameters per statement; SQL Server 2,100.
    private readonly int _rowsPerStatement = Math.Max(1, (isSqlServer ? 2000 : 30000) / columns.Length);
    private readonly List<object?[]> _rows = [];
    private DbTransaction? _transaction;

    public void Enlist(DbTransaction transaction) => _transaction = transaction;

    public async Task AddAsync(object?[] row, CancellationToken cancellationToken)
    {
        _rows.Add(row);
        if (_rows.Count >= Math.Min(_rowsPerStatement, 1000))
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
            // Rows here reference the parent's rows (foreign keys): write those first.
            await parent.FlushAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = _transaction;
        var sql = new StringBuilder();
        if (isSqlServer)
        {
            sql.Append($"SET IDENTITY_INSERT [{table}] ON;");
        }

        sql.Append($"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ");
        for (var r = 0; r < _rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = $"@p{r}_{c}";
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = _rows[r][c] switch
                {
                    null => DBNull.Value,
                    DateOnly d => isSqlServer ? d.ToDateTime(TimeOnly.MinValue) : d.ToString("yyyy-MM-dd"),
                    DateTime t => isSqlServer ? t : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"),
                    var value => value,
                };
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        if (isSqlServer)
        {
            sql.Append($";SET IDENTITY_INSERT [{table}] OFF;");
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
        _rows.Clear();
    }
}
