using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.GraphQL.DataLoaders;

/// <summary>
/// One <see cref="MemberGraphDb"/> per request (scoped) for DataLoader batches, lent to one batch at a time, so a
/// query touching points, tier and orders rents one context instead of one per batch. Sibling resolvers may
/// dispatch batches concurrently: the gate makes them take turns, never share the context at the same time.
/// Read-only use (AsNoTracking); writes keep their own contexts and transactions.
/// </summary>
public sealed class LoaderDb(IDbContextFactory<MemberGraphDb> factory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MemberGraphDb? _db;

    public async Task<T> ReadAsync<T>(Func<MemberGraphDb, Task<T>> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _db ??= await factory.CreateDbContextAsync(cancellationToken);
            return await read(_db);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        _gate.Dispose();
    }
}
