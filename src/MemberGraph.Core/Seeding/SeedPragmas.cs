using System.Data.Common;

namespace MemberGraph.Seeding;

/// <summary>
/// Bulk-load settings for one SQLite connection while seeding: no fsync (a crash mid-seed leaves a database to throw
/// away anyway), a cache big enough for the indexes being built (with the default 2 MB every index insert of a million
/// rows misses and rewrites pages), temp B-trees in memory. <see cref="RestoreAsync"/> puts the defaults back.
/// </summary>
internal static class SeedPragmas
{
    public static Task BulkAsync(DbConnection connection, bool isSqlServer, CancellationToken cancellationToken) =>
        isSqlServer ? Task.CompletedTask : ExecuteAsync(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", cancellationToken);

    public static Task RestoreAsync(DbConnection connection, bool isSqlServer, CancellationToken cancellationToken) =>
        isSqlServer ? Task.CompletedTask : ExecuteAsync(connection, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-2000; PRAGMA optimize;", cancellationToken);

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
