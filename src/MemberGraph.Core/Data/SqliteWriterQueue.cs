using System.Diagnostics;
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
    private int _waiting;
    private long _turns;
    private long _heldTicks;
    private long _handovers;
    private long _handoverTicks;
    private long _lastPass;
    private long _longestTicks;

    public SqliteWriterQueue()
        : this(TimeSpan.FromSeconds(30))
    {
    }

    internal SqliteWriterQueue(TimeSpan patience) => Patience = patience;

    /// <summary>As long as SQLite's busy_timeout (<see cref="SqlitePragmas"/>): past it, the writer would have failed anyway.</summary>
    public TimeSpan Patience { get; }

    /// <summary>Whether a writer is waiting for the turn now.</summary>
    internal bool WritersWaiting => Volatile.Read(ref _waiting) > 0;

    /// <summary>
    /// How the turn has been used since the start: the benchmark prints it, since on SQLite the writes of a process can go no
    /// faster than one turn after the other (held time per turn × turns per second ≤ 1).
    /// </summary>
    public WriterQueueFigures Figures => new(
        Interlocked.Read(ref _turns), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _heldTicks)),
        Interlocked.Read(ref _handovers), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _handoverTicks)));

    /// <summary>Waits for this writer's turn when <paramref name="db"/> is SQLite; dispose the result when its transaction has ended.</summary>
    public async Task<WriterTurn> WaitForTurnAsync(MemberGraphDb db, CancellationToken cancellationToken)
    {
        if (db.Engine != DatabaseKind.Sqlite)
        {
            return WriterTurn.None;
        }

        return await WaitForTurnAsync(cancellationToken);
    }

    /// <summary>Waits for the turn (SQLite only): the checkpointer's too, which copies the end of the log while no one writes.</summary>
    public async Task<WriterTurn> WaitForTurnAsync(CancellationToken cancellationToken)
    {
        var waited = !_turn.Wait(0);
        if (waited)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                if (!await _turn.WaitAsync(Patience, cancellationToken))
                {
                    return WriterTurn.None;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        var now = Stopwatch.GetTimestamp();
        if (waited)
        {
            Interlocked.Add(ref _handoverTicks, now - Volatile.Read(ref _lastPass));
            Interlocked.Increment(ref _handovers);
        }

        Interlocked.Increment(ref _turns);
        return new WriterTurn(this, now);
    }

    /// <summary>The longest a turn was held since the last call (a tail that averages hide), and starts counting anew.</summary>
    public TimeSpan TakeLongestHeld() => Stopwatch.GetElapsedTime(0, Interlocked.Exchange(ref _longestTicks, 0));

    internal void Pass(long takenAt)
    {
        var now = Stopwatch.GetTimestamp();
        var held = now - takenAt;
        Interlocked.Add(ref _heldTicks, held);
        for (var longest = Volatile.Read(ref _longestTicks); held > longest; longest = Volatile.Read(ref _longestTicks))
        {
            if (Interlocked.CompareExchange(ref _longestTicks, held, longest) == longest)
            {
                break;
            }
        }

        Volatile.Write(ref _lastPass, now);
        _turn.Release();
    }
}

/// <summary>Turns taken, how long they were held, and how long a waiting writer took to start once the turn was passed to it.</summary>
public sealed record WriterQueueFigures(long Turns, TimeSpan Held, long Handovers, TimeSpan HandedOver);

/// <summary>A writer's turn in <see cref="SqliteWriterQueue"/>; disposing it (once, or again: a no-op) lets the next writer in.</summary>
public sealed class WriterTurn : IDisposable
{
    public static readonly WriterTurn None = new(null, 0);

    private readonly long _takenAt;
    private SqliteWriterQueue? _queue;

    internal WriterTurn(SqliteWriterQueue? queue, long takenAt)
    {
        _queue = queue;
        _takenAt = takenAt;
    }

    public void Dispose() => Interlocked.Exchange(ref _queue, null)?.Pass(_takenAt);

    /// <summary>
    /// Lets the next writer in right away after a commit: when one waits, this request gives up its thread for a moment, so the
    /// thread that passed the turn runs the next writer (queued on it) instead of finishing this request's answer first while
    /// SQLite's one writer slot stays idle. Measured on <c>recordOrder</c> at 8 clients: the hand-over from 0.13–0.23 to 0.04 ms.
    /// </summary>
    public async Task PassAsync()
    {
        var next = _queue is { WritersWaiting: true };
        Dispose();
        if (next)
        {
            await Task.Yield();
        }
    }
}
