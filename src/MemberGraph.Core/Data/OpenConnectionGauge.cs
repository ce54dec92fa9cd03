using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberGraph.Data;

/// <summary>
/// How many database connections EF Core has opened and not yet closed in this gateway instance, and how many it has
/// opened since start. Tests use it to prove that nothing holds a connection between executions (a WebSocket lives
/// for hours). A connection EF Core disposes without closing (the migrator's own) stays counted: compare with a
/// reading taken before, not with zero.
/// </summary>
public sealed class OpenConnectionGauge : DbConnectionInterceptor
{
    private long _open;
    private long _opened;

    public long Open => Interlocked.Read(ref _open);

    public long Opened => Interlocked.Read(ref _opened);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Count();

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Count();
        return Task.CompletedTask;
    }

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Decrement(ref _open);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }

    private void Count()
    {
        Interlocked.Increment(ref _open);
        Interlocked.Increment(ref _opened);
    }
}
