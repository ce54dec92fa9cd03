using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// SQLite's one writer, on one connection. A SQLite connection that begins a transaction after another connection has written
/// throws its whole page cache away; with every writer's turn on a different pooled connection, each turn read the b-tree pages
/// of the tables and indexes it writes again from the file (a recorded order: about 166 <c>pread</c> calls, 56 with this). The
/// units of work of this process take turns (<see cref="SqliteWriterQueue"/>), so during its turn a unit of work borrows this
/// connection — whose cache nobody else changed since its last turn — and its context gets a connection of its own back before the
/// turn passes. Opened once, through a context of its own, so EF Core's functions and <see cref="SqlitePragmas"/> are set on it as
/// on any other.
/// </summary>
public sealed class SqliteWriterConnection(IServiceProvider services) : IAsyncDisposable
{
    private MemberGraphDb? _owner;

    /// <summary>
    /// Lends the writer connection to <paramref name="db"/> until the result is disposed. Only while holding the writer's turn:
    /// the turn is what keeps two units of work off it at once. Lends nothing (null: the context writes on its own connection) in a
    /// host without the data layer's context factory, to a context on another database, or to one in a transaction of its own.
    /// </summary>
    public async Task<IDisposable?> LendAsync(MemberGraphDb db, CancellationToken cancellationToken)
    {
        var database = db.Database;
        var ownConnectionString = database.GetConnectionString();
        var relational = db.GetService<IRelationalConnection>();
        if (relational.CurrentTransaction is not null
            || await OpenAsync(cancellationToken) is not { } connection || connection.ConnectionString != ownConnectionString)
        {
            return null;
        }

        // Before its turn nothing runs on the context (a unit of work is one flow): its own connection goes back to the pool, and with
        // it EF Core's count of who opened it — which a pooled context can carry from lease to lease, and which would refuse the swap.
        relational.Dispose();
        database.SetDbConnection(connection, contextOwnsConnection: false);
        return new Loan(db, ownConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owner is { } owner)
        {
            _owner = null;
            await owner.DisposeAsync();
        }
    }

    private async Task<DbConnection?> OpenAsync(CancellationToken cancellationToken)
    {
        if (_owner is { } owner && owner.Database.GetDbConnection().State == ConnectionState.Open)
        {
            return owner.Database.GetDbConnection();
        }

        await DisposeAsync();
        if (services.GetService<IDbContextFactory<MemberGraphDb>>() is not { } factory)
        {
            return null;
        }

        owner = await factory.CreateDbContextAsync(cancellationToken);
        await owner.Database.OpenConnectionAsync(cancellationToken);
        _owner = owner;
        return owner.Database.GetDbConnection();
    }

    /// <summary>Gives the context back a connection of its own (from the pool, at its next statement).</summary>
    private sealed class Loan(MemberGraphDb db, string? connectionString) : IDisposable
    {
        private MemberGraphDb? _db = db;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _db, null) is { } returning)
            {
                // Owned again: the context disposes it (back to the pool) as it did its first one.
                returning.Database.SetDbConnection(null, contextOwnsConnection: true);
                returning.Database.SetConnectionString(connectionString);
            }
        }
    }
}
