using System.Data.Common;
using System.Text;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Tags.Tagging;

/// <summary>
/// Applies a batch's <see cref="TagBatchDiff"/> in one transaction: stale assignments deleted as sets of ids, missing
/// ones inserted with a prepared statement (SQLite, in-process: one row per execution is fastest) or multi-row
/// statements (SQL Server and PostgreSQL: one round trip per 300 rows). A crash mid-batch rolls the whole batch back.
/// </summary>
internal static class MemberTagWriter
{
    private const int DeleteChunk = 500;
    private const int ServerRowsPerStatement = 300;
    private static readonly string[] Columns = ["MemberId", "TagId", "Value", "RuleRunId", "AssignedAt"];

    public static async Task ApplyAsync(MemberGraphDb db, TagBatchDiff diff, long runId, DateTime now, CancellationToken cancellationToken)
    {
        if (diff.Stale.Count == 0 && diff.Missing.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in diff.Stale.Chunk(DeleteChunk))
        {
            await db.MemberTags.Where(t => chunk.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        if (diff.Missing.Count > 0)
        {
            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            if (db.Engine != DatabaseKind.Sqlite)
            {
                foreach (var rows in diff.Missing.Chunk(ServerRowsPerStatement))
                {
                    await using var command = Insert(connection, dbTransaction, rows.Length);
                    await ExecuteAsync(command, rows, runId, DateTime.SpecifyKind(now, DateTimeKind.Utc), cancellationToken);
                }
            }
            else
            {
                await using var command = Insert(connection, dbTransaction, 1);
                command.Prepare();
                foreach (var row in diff.Missing)
                {
                    await ExecuteAsync(command, [row], runId, SqliteTime(now), cancellationToken);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static DbCommand Insert(DbConnection connection, DbTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO \"MemberTags\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < Columns.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{r}_{c}";
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? parameter.ParameterName : ", " + parameter.ParameterName);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }

    private static async Task ExecuteAsync(DbCommand command, IReadOnlyList<NewAssignment> rows, long runId, object assignedAt, CancellationToken cancellationToken)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            var offset = r * Columns.Length;
            command.Parameters[offset].Value = rows[r].MemberId;
            command.Parameters[offset + 1].Value = rows[r].TagId;
            command.Parameters[offset + 2].Value = (object?)rows[r].Value ?? DBNull.Value;
            command.Parameters[offset + 3].Value = runId;
            command.Parameters[offset + 4].Value = assignedAt;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The text EF Core's SQLite provider stores a DateTime as.</summary>
    private static string SqliteTime(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
}
