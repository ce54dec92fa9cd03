using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.GraphQL.DataLoaders;

/// <summary>
/// One <see cref="MemberGraphDb"/> per request (scoped) for DataLoader batches, lent to one batch at a time, so a
/// query touching points, tier and orders rents one context instead of one per batch. Sibling resolvers may
/// dispatch batches concurrently: the gate makes them take turns, never share the context at the same time.
/// Read-only use (AsNoTracking); writes keep their own contexts and transactions.
/// <para>
/// The connection opens at the first batch and stays open until the execution ends (<see cref="ReleaseAsync"/>,
/// called by the executor after each operation and by the subscription strategy after each event): opening a
/// pooled SQLite connection re-registers EF Core's SQL functions on it, which cost more than the reads of a small
/// query. A WebSocket keeps its LoaderDb for hours but holds no connection between executions.
/// </para>
/// <para>
/// Held for the execution, it steps aside on PostgreSQL and SQL Server when the same execution opens another connection
/// (a resolver's service with a context of its own, a mutation's transaction: <see cref="HeldConnectionYield"/>), so a
/// request never keeps an idle connection while it waits for a second from a bounded pool; the next batch opens it again.
/// On SQLite (no bound, costly opens) it stays open.
/// </para>
/// </summary>
public sealed class LoaderDb(IDbContextFactory<MemberGraphDb> factory) : IHeldConnection, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MemberGraphDb? _db;
    private bool _open;
    private bool _disposed;

    public async Task<T> ReadAsync<T>(Func<MemberGraphDb, Task<T>> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _db ??= await factory.CreateDbContextAsync(cancellationToken);
            if (!_open)
            {
                await _db.Database.OpenConnectionAsync(cancellationToken);
                _open = true;
            }

            return await read(_db);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives the connection back to the pool; the next batch opens it again. Nothing to do once disposed.</summary>
    public async Task ReleaseAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            await CloseAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public bool Holds(DbContext context) => ReferenceEquals(context, _db);

    public async ValueTask YieldAsync()
    {
        if (TryTakeIdle())
        {
            try
            {
                await CloseAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public void Yield()
    {
        if (TryTakeIdle())
        {
            try
            {
                if (_open && _db is not null)
                {
                    _open = false;
                    _db.Database.CloseConnection();
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_db is not null)
        {
            // Give the connection back before the context goes back to its pool.
            await CloseAsync();
            await _db.DisposeAsync();
        }

        _gate.Dispose();
    }

    /// <summary>
    /// The gate, when no batch is reading (a batch on the connection keeps it; the other opening gets its own, as it would
    /// without this) and the connection is open; never waits. A flow that outlives the request may still name it: then nothing.
    /// </summary>
    private bool TryTakeIdle()
    {
        if (_disposed || !_open)
        {
            return false;
        }

        try
        {
            return _gate.Wait(0);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private async Task CloseAsync()
    {
        if (_open && _db is not null)
        {
            _open = false;
            await _db.Database.CloseConnectionAsync();
        }
    }
}
