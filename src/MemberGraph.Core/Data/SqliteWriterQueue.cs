using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Data;

/// <summary>
/// SQLite lets one connection write at a time. Without a queue, writers that find the lock taken wait in SQLite's busy
/// handler, which sleeps and polls (1, 2, 5 ... 100 ms) with no order among the waiters: at 8 parallel orders an unlucky one
/// lost the race for half a second. Units of work of this process therefore take their turn here first, first come first
/// served, and hold it until their transaction ends; on the server engines every writer goes straight to the database.
/// A turn not given within <see cref="Patience"/> is taken anyway, and SQLite's own locking decides as it did before: the
/// queue orders writers, it never guards data (another process, or a write outside a unit of work, does not queue here).
/// </summary>
public sealed class SqliteWriterQueue
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public SqliteWriterQueue()
        : this(TimeSpan.FromSeconds(30))
    {
    }

    internal SqliteWriterQueue(TimeSpan patience) => Patience = patience;

    /// <summary>As long as SQLite's busy_timeout (<see cref="SqlitePragmas"/>): past it, the writer would have failed anyway.</summary>
    public TimeSpan Patience { get; }

    /// <summary>Waits for this writer's turn when <paramref name="db"/> is SQLite; dispose the result when its transaction has ended.</summary>
    public async Task<WriterTurn> WaitForTurnAsync(DbContext db, CancellationToken cancellationToken) =>
        db.Database.IsSqlite() && await _turn.WaitAsync(Patience, cancellationToken) ? new WriterTurn(_turn) : WriterTurn.None;
}

/// <summary>A writer's turn in <see cref="SqliteWriterQueue"/>; disposing it (once, or again: a no-op) lets the next writer in.</summary>
public sealed class WriterTurn(SemaphoreSlim? turn) : IDisposable
{
    public static readonly WriterTurn None = new(null);

    private SemaphoreSlim? _turn = turn;

    public void Dispose() => Interlocked.Exchange(ref _turn, null)?.Release();
}
