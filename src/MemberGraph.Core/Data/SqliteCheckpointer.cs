using Microsoft.Data.Sqlite;

namespace MemberGraph.Data;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file once a second, beside the requests. SQLite would do it
/// itself every 1,000 pages, inside whichever commit crossed the line: that request then waited for the copy and its
/// fsync, and with it every writer queued behind it (<see cref="SqliteWriterQueue"/>). <see cref="SqlitePragmas"/> turns
/// that off. On its own connection, outside EF Core, so it is not counted as a request's statement.
/// </summary>
public sealed class SqliteCheckpointer(DatabaseProvider provider, SqliteWriterQueue writers, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the log may grow before the checkpointer takes the writer's turn to end it: 128 MB of 4 KB pages. Finishing in the
    /// turn holds the writers back for the copy, its two fsyncs and the wait for readers (15–105 ms measured), so it is done only
    /// when the log would otherwise keep growing: when writes pause, the passive checkpoint reaches the end by itself and the
    /// next writer starts the log over.
    /// </summary>
    public const long LogFramesToEnd = 32_768;

    /// <summary>How long the last step waits, holding the writer's turn, for reads still on the log to end; it tries again next time.</summary>
    private const int ReadersPatienceMilliseconds = 10;

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
                await CheckpointAsync(provider.ConnectionString, writers, LogFramesToEnd, stoppingToken);
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

    /// <summary>
    /// First a passive checkpoint, beside the writers: it copies what the log holds without waiting for anyone. Under a steady
    /// stream of writes that alone never reaches the end of the log, since frames are added while it copies, and SQLite starts
    /// the log over only once every frame is in the database file: at 500 orders/s the log grew to 1.1 GB in 25 s, and every read
    /// that missed a connection's cache looked through all of its index. So, when frames are left, it then takes the writer's
    /// turn, once the log is past <paramref name="logFramesToEnd"/> (the service: <see cref="LogFramesToEnd"/>), and copies the few written meanwhile (RESTART: it also waits,
    /// briefly, for reads still on the log to end): the next writer starts the log from its beginning.
    /// </summary>
    public static async Task CheckpointAsync(string connectionString, SqliteWriterQueue? writers, long logFramesToEnd, CancellationToken cancellationToken)
    {
        // Not pooled: its busy timeout is this checkpointer's own, never a request's.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        var log = await CheckpointAsync(connection, "PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
        if (writers is null || log < logFramesToEnd)
        {
            return;
        }

        await using (var patience = connection.CreateCommand())
        {
            patience.CommandText = $"PRAGMA busy_timeout={ReadersPatienceMilliseconds};";
            await patience.ExecuteNonQueryAsync(cancellationToken);
        }

        using var turn = await writers.WaitForTurnAsync(cancellationToken);
        await CheckpointAsync(connection, "PRAGMA wal_checkpoint(RESTART);", cancellationToken);
    }

    /// <summary>Runs one checkpoint; the frames in the log when it ran.</summary>
    private static async Task<long> CheckpointAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(1) : 0;
    }
}
