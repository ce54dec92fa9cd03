using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberGraph.Data;

/// <summary>
/// WAL lets readers run beside the one writer; busy_timeout makes concurrent writers queue instead of failing
/// with SQLITE_BUSY. Checkpoints are left to <see cref="SqliteCheckpointer"/> (wal_autocheckpoint=0). No memory map
/// (mmap_size): it took the pread calls out of a profile, but recordOrder at 8 clients then cost twice the CPU (10.6 against
/// 5.5 ms) and ran at half the rate, with the checkpointer writing into the mapped file beside the readers. Both are per connection, so they are set when EF opens a connection — once per physical
/// connection: a pooled connection keeps its settings, and re-running them on every open costs every DataLoader
/// batch an extra statement.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0;";
    private static readonly object Configured = new();
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>True the first time this physical connection (its native handle) is seen.</summary>
    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, Configured);
}
