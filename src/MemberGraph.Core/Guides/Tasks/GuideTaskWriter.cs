using System.Data.Common;
using System.Globalization;
using System.Text;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Guides.Tasks;

/// <summary>A campaign task row to insert.</summary>
public sealed record NewGuideTask(long MemberId, long? GuideId, long? StoreId, GuideTaskRoute Route, GuideTaskStatus Status);

/// <summary>
/// Inserts a batch of campaign tasks inside the caller's transaction, each only when the campaign has no task for that
/// member yet (<c>WHERE NOT EXISTS</c>, on the unique (CampaignId, MemberId) index): a batch written twice adds nothing
/// the second time. SQLite runs in-process, so one prepared single-row statement is fastest there; SQL Server gets
/// multi-row statements (one round trip per <see cref="SqlServerRowsPerStatement"/> rows), PostgreSQL multi-row
/// <c>INSERT ... ON CONFLICT DO NOTHING</c>. Returns the rows inserted.
/// </summary>
internal static class GuideTaskWriter
{
    private const int SqlServerRowsPerStatement = 200;
    private const int PostgresRowsPerStatement = 500;
    private static readonly string[] Columns = ["CampaignId", "Kind", "MemberId", "GuideId", "StoreId", "Route", "Status", "CreatedAt", "DueAt"];

    public static async Task<int> InsertAsync(MemberGraphDb db, GuideTaskCampaign campaign, IReadOnlyList<NewGuideTask> rows, DateTime now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Campaign tasks are written inside the batch's transaction.");
        var inserted = 0;
        if (db.Engine != DatabaseKind.Sqlite)
        {
            var (rowsPerStatement, insert) = db.Engine == DatabaseKind.SqlServer
                ? (SqlServerRowsPerStatement, (Func<DbConnection, DbTransaction, int, DbCommand>)SqlServerInsert)
                : (PostgresRowsPerStatement, PostgresInsert);
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                await using var command = insert(connection, transaction, chunk.Length);
                Bind(command, campaign, chunk, DateTime.SpecifyKind(now, DateTimeKind.Utc), DateTime.SpecifyKind(campaign.DueAt, DateTimeKind.Utc));
                inserted += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return inserted;
        }

        await using var single = SqliteInsert(connection, transaction);
        single.Prepare();
        var (createdAt, dueAt) = (SqliteTime(now), SqliteTime(campaign.DueAt));
        foreach (var row in rows)
        {
            Bind(single, campaign, [row], createdAt, dueAt);
            inserted += await single.ExecuteNonQueryAsync(cancellationToken);
        }

        return inserted;
    }

    private static DbCommand SqliteInsert(DbConnection connection, DbTransaction transaction)
    {
        var command = Command(connection, transaction, 1);
        command.CommandText = $"INSERT INTO \"GuideTasks\" ({ColumnList}) SELECT {string.Join(", ", Columns.Select((_, c) => $"@p0_{c}"))} " +
                              "WHERE NOT EXISTS (SELECT 1 FROM \"GuideTasks\" WHERE \"CampaignId\" = @p0_0 AND \"MemberId\" = @p0_2)";
        return command;
    }

    private static DbCommand SqlServerInsert(DbConnection connection, DbTransaction transaction, int rows)
    {
        var command = Command(connection, transaction, rows);
        var values = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            values.Append(r == 0 ? "(" : ", (").Append(string.Join(", ", Columns.Select((_, c) => $"@p{r}_{c}"))).Append(')');
        }

        command.CommandText = $"INSERT INTO \"GuideTasks\" ({ColumnList}) SELECT {string.Join(", ", Columns.Select(c => $"v.\"{c}\""))} " +
                              $"FROM (VALUES {values}) AS v({ColumnList}) " +
                              "WHERE NOT EXISTS (SELECT 1 FROM \"GuideTasks\" t WHERE t.\"CampaignId\" = v.\"CampaignId\" AND t.\"MemberId\" = v.\"MemberId\")";
        return command;
    }

    /// <summary>
    /// PostgreSQL: plain multi-row VALUES typed by the target columns (a VALUES list in a sub-select would type an all-null
    /// column as text), the unique (CampaignId, MemberId) index skipping the rows a campaign already has.
    /// </summary>
    private static DbCommand PostgresInsert(DbConnection connection, DbTransaction transaction, int rows)
    {
        var command = Command(connection, transaction, rows);
        var values = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            values.Append(r == 0 ? "(" : ", (").Append(string.Join(", ", Columns.Select((_, c) => $"@p{r}_{c}"))).Append(')');
        }

        command.CommandText = $"INSERT INTO \"GuideTasks\" ({ColumnList}) VALUES {values} ON CONFLICT (\"CampaignId\", \"MemberId\") DO NOTHING";
        return command;
    }

    private static string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c}\""));

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < Columns.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{r}_{c}";
                command.Parameters.Add(parameter);
            }
        }

        return command;
    }

    private static void Bind(DbCommand command, GuideTaskCampaign campaign, IReadOnlyList<NewGuideTask> rows, object createdAt, object dueAt)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            var offset = r * Columns.Length;
            var row = rows[r];
            command.Parameters[offset].Value = campaign.Id;
            command.Parameters[offset + 1].Value = campaign.Kind.ToString(); // enums are stored by name (MemberGraphDb conventions)
            command.Parameters[offset + 2].Value = row.MemberId;
            command.Parameters[offset + 3].Value = (object?)row.GuideId ?? DBNull.Value;
            command.Parameters[offset + 4].Value = (object?)row.StoreId ?? DBNull.Value;
            command.Parameters[offset + 5].Value = row.Route.ToString();
            command.Parameters[offset + 6].Value = row.Status.ToString();
            command.Parameters[offset + 7].Value = createdAt;
            command.Parameters[offset + 8].Value = dueAt;
        }
    }

    /// <summary>The text EF Core's SQLite provider stores a DateTime as, so that SQL comparisons with EF's parameters hold.</summary>
    private static string SqliteTime(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
