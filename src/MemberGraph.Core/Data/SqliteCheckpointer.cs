using Microsoft.Data.Sqlite;

namespace MemberGraph.Data;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file once a second, beside the requests. SQLite would do it
/// itself every 1,000 pages, inside whichever commit crossed the line: that request then waited for the copy and its
/// fsync, and with it every writer queued behind it (<see cref="SqliteWriterQueue"/>). <see cref="SqlitePragmas"/> turns
/// that off; a passive checkpoint here never blocks a reader or a writer. On its own connection, outside EF Core, so it
/// is not counted as a request's statement.
/// </summary>
public sealed class SqliteCheckpointer(DatabaseProvider provider, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!provider.IsSqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(provider.ConnectionString, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException ex)
            {
                logger.LogWarning(ex, "The WAL checkpoint failed; the next one will try again");
            }
        }
    }

    /// <summary>One passive checkpoint: what it can copy without waiting for anyone.</summary>
    public static async Task CheckpointAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
