using MemberGraph.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemberGraph.Tests.Data;

/// <summary>
/// The gateway's SQLite connections don't copy the write-ahead log into the database file inside a commit (SQLite's
/// automatic checkpoint every 1,000 pages): a background service does, once a second.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private const int Megabytes = 6; // 1,500 pages: past the automatic checkpoint's 1,000
    private readonly string _file = Path.Combine(Path.GetTempPath(), "membergraph-tests", $"checkpoint-{Guid.NewGuid():N}.db");

    public SqliteCheckpointerTests() => Directory.CreateDirectory(Path.GetDirectoryName(_file)!);

    private string ConnectionString => $"Data Source={_file}";

    [Fact]
    public async Task Commits_on_gateway_connections_leave_the_log_to_the_checkpointer()
    {
        // given: a gateway connection
        await using var db = GatewayDb();
        await db.Database.OpenConnectionAsync();
        Assert.Equal(0L, await Scalar(db, "PRAGMA wal_autocheckpoint;"));

        // when: a commit writes more pages than the automatic checkpoint would have let stand
        await WriteBlobsAsync(db);

        // then: they are in the log, not in the database file, until the checkpoint copies them
        Assert.True(new FileInfo(_file).Length < 1_000_000, $"database file {new FileInfo(_file).Length} bytes before the checkpoint");
        await SqliteCheckpointer.CheckpointAsync(ConnectionString, writers: null, SqliteCheckpointer.LogFramesToEnd, CancellationToken.None);
        Assert.True(new FileInfo(_file).Length >= Megabytes * 1_000_000, $"database file {new FileInfo(_file).Length} bytes after the checkpoint");
    }

    [Fact]
    public async Task The_background_service_checkpoints_within_seconds()
    {
        // given: the service running on this file
        using var service = new SqliteCheckpointer(new DatabaseProvider(DatabaseKind.Sqlite, ConnectionString), new SqliteWriterQueue(), NullLogger<SqliteCheckpointer>.Instance);
        await service.StartAsync(CancellationToken.None);
        await using var db = GatewayDb();
        await db.Database.OpenConnectionAsync();

        // when: a commit leaves pages in the log
        await WriteBlobsAsync(db);

        // then: the database file takes them within a few ticks
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (new FileInfo(_file).Length < Megabytes * 1_000_000 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        await service.StopAsync(CancellationToken.None);
        Assert.True(new FileInfo(_file).Length >= Megabytes * 1_000_000, $"database file {new FileInfo(_file).Length} bytes after {waited.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_passive_checkpoint_alone_never_ends_a_log_that_a_writer_is_always_in()
    {
        // given: a log with a megabyte in it, and the next writer's transaction begun (as under a steady stream of orders)
        await using var db = GatewayDb();
        await db.Database.OpenConnectionAsync();
        await WriteBlobsAsync(db, megabytes: 1);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // when: the passive checkpoint runs while that writer writes
            await SqliteCheckpointer.CheckpointAsync(ConnectionString, writers: null, logFramesToEnd: 1, CancellationToken.None);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Blobs VALUES (randomblob(1000000));");
            await transaction.CommitAsync();
        }

        // then: everything was copied, yet the log was not started over: the next commit goes on after the old frames
        await WriteBlobsAsync(db, megabytes: 0);
        Assert.True(await LogFramesAsync() > 400, "the log started over");
    }

    [Fact]
    public async Task The_checkpointer_ends_the_log_in_the_writers_turn_and_the_next_writer_starts_it_over()
    {
        // given: a log with a megabyte in it, and a writer in its turn with its transaction begun
        var writers = new SqliteWriterQueue();
        await using var db = GatewayDb();
        await db.Database.OpenConnectionAsync();
        await WriteBlobsAsync(db, megabytes: 1);
        var turn = await writers.WaitForTurnAsync(CancellationToken.None);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // when: the checkpointer runs meanwhile; past its passive step it waits for the turn
            var checkpoint = SqliteCheckpointer.CheckpointAsync(ConnectionString, writers, logFramesToEnd: 1, CancellationToken.None);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!writers.WritersWaiting && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(10);
            }

            Assert.True(writers.WritersWaiting, "the checkpointer did not wait for the writer's turn");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Blobs VALUES (randomblob(1000000));");
            await transaction.CommitAsync();
            turn.Dispose();
            await checkpoint;
        }

        // then: the next writer starts the log from its beginning
        using (await writers.WaitForTurnAsync(CancellationToken.None))
        {
            await WriteBlobsAsync(db, megabytes: 0);
        }

        Assert.True(await LogFramesAsync() < 10, "the log went on after the old frames");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    private SqliteMemberGraphDb GatewayDb() =>
        new(new DbContextOptionsBuilder<SqliteMemberGraphDb>().UseSqlite(ConnectionString).AddInterceptors(new SqlitePragmas()).Options);

    /// <summary>Commits <paramref name="megabytes"/> of blobs (none: one small row) in one transaction.</summary>
    private static async Task WriteBlobsAsync(MemberGraphDb db, int megabytes = Megabytes)
    {
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS Blobs (Content BLOB);");
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < megabytes; i++)
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Blobs VALUES (randomblob(1000000));");
        }

        if (megabytes == 0)
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Blobs VALUES (x'00');");
        }

        await transaction.CommitAsync();
    }

    /// <summary>How many frames the log holds now (what a passive checkpoint reports), read on a connection of its own.</summary>
    private async Task<long> LogFramesAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(1);
    }

    private static async Task<long> Scalar(MemberGraphDb db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
