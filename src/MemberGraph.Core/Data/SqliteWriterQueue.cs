namespace MemberGraph.Data;

/// <summary>
/// SQLite lets one connection write at a time. Without a queue, writers that find the lock taken wait in SQLite's busy
/// handler, which sleeps and polls (1, 2, 5 ... 100 ms) with no order among the waiters: at 8 parallel orders an unlucky one
/// lost the race for half a second. Units of work of this process therefore take their turn here first, first come first
/// served, and hold it until their transaction ends; on the server engines every writer goes straight to the database.
/// A turn not given within the busy timeout is taken anyway, and SQLite's own locking decides as it did before: the queue
/// orders writers, it never guards data (another process, or a write outside a unit of work, does not queue here).
/// </summary>
public sealed class SqliteWriterQueue
{
    /// <summary>As long as SQLite's busy_timeout (<see cref="SqlitePragmas"/>): past it, the writer would have failed anyway.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _turn = new(1, 1);

    public SqliteWriterQueue(DatabaseProvider provider) => Enabled = provider.IsSqlite;

    public bool Enabled { get; }

    /// <summary>Waits for this writer's turn; dispose the result when its transaction has ended.</summary>
    public async Task<WriterTurn> WaitForTurnAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return WriterTurn.None;
        }

        return await _turn.WaitAsync(Patience, cancellationToken) ? new WriterTurn(_turn) : WriterTurn.None;
    }
}

/// <summary>A writer's turn in <see cref="SqliteWriterQueue"/>; disposing it (once) lets the next writer in.</summary>
public sealed class WriterTurn(SemaphoreSlim? turn) : IDisposable
{
    public static readonly WriterTurn None = new(null);

    private SemaphoreSlim? _turn = turn;

    public void Dispose() => Interlocked.Exchange(ref _turn, null)?.Release();
}
