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
        await SqliteCheckpointer.CheckpointAsync(ConnectionString, CancellationToken.None);
        Assert.True(new FileInfo(_file).Length >= Megabytes * 1_000_000, $"database file {new FileInfo(_file).Length} bytes after the checkpoint");
    }

    [Fact]
    public async Task The_background_service_checkpoints_within_seconds()
    {
        // given: the service running on this file
        using var service = new SqliteCheckpointer(new DatabaseProvider(DatabaseKind.Sqlite, ConnectionString), NullLogger<SqliteCheckpointer>.Instance);
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

    private static async Task WriteBlobsAsync(MemberGraphDb db)
    {
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE Blobs (Content BLOB);");
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < Megabytes; i++)
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Blobs VALUES (randomblob(1000000));");
        }

        await transaction.CommitAsync();
    }

    private static async Task<long> Scalar(MemberGraphDb db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
