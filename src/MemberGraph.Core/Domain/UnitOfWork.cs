using MemberGraph.Data;
using MemberGraph.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Domain;

/// <summary>
/// One attempt at a change: a transaction on <see cref="Db"/> and the events raised inside it. Begun by
/// <see cref="DomainEventDispatcher.BeginAsync"/>; <see cref="CommitAsync"/> runs the handlers, commits, and only then
/// publishes the integration events. Disposed without a commit (a refusal, an exception, a retry) it rolls back, and
/// what was raised and collected goes with it: a retry begins a new unit of work, raises again, and its handlers run
/// again, so a retried change is published once, by the attempt that committed.
/// <para>
/// A change that has things to decide before it writes starts with <see cref="DomainEventDispatcher.Prepare"/> instead: the
/// handlers of what it raises then read (and note what they decided) with no transaction and, on SQLite, without the one
/// writer's turn, so the orders queued behind do not wait for those reads; <see cref="BeginWritesAsync"/> then takes the turn
/// and begins the transaction. Until then every write on <see cref="Db"/> fails (<see cref="WritesBeforeTheTurn"/>).
/// </para>
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly DomainEventDispatcher _dispatcher;
    private readonly Queue<IDomainEvent> _raised = new();
    private readonly List<IntegrationEvent> _toPublish = [];
    private readonly Dictionary<(object About, Type Kind), object> _notes = [];
    private IDbContextTransaction? _transaction;
    private WriterTurn? _turn;
    private IDisposable? _writerConnection;
    private State _state = State.Open;

    /// <summary>A unit of work still preparing: no transaction, no turn, writes refused until <see cref="BeginWritesAsync"/>.</summary>
    internal UnitOfWork(MemberGraphDb db, DomainEventDispatcher dispatcher)
    {
        Db = db;
        _dispatcher = dispatcher;
        Db.SavingChanges += RefuseSaving;
    }

    private enum State
    {
        Open,
        Handling,
        Failed,
        Committed,
    }

    /// <summary>The context whose transaction this is; the service and every handler write through it.</summary>
    public MemberGraphDb Db { get; }

    /// <summary>Whether <see cref="BeginWritesAsync"/> has begun the transaction: before, handlers may only read.</summary>
    public bool Writing => _transaction is not null;

    /// <summary>
    /// Ends the preparation: waits for this writer's turn (SQLite), begins the transaction, and from here on writes go through.
    /// What the handlers read before is not under the write lock: they decide on what had committed when they read it.
    /// </summary>
    public async Task BeginWritesAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (Writing)
        {
            throw new InvalidOperationException("This unit of work is writing already: its transaction began once.");
        }

        var turn = await _dispatcher.WaitForTurnAsync(Db, cancellationToken);
        try
        {
            if (turn != WriterTurn.None)
            {
                _writerConnection = await _dispatcher.LendWriterConnectionAsync(Db, cancellationToken);
            }

            _transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        }
        catch
        {
            ReturnWriterConnection();
            turn.Dispose();
            throw;
        }

        _turn = turn;
        StopRefusingWrites();
    }

    internal static InvalidOperationException WriteBeforeBegin() => new(
        "A write before the unit of work began its transaction: before BeginWritesAsync handlers only read (and note what they decided); " +
        "write in a handler of an event raised after it.");

    /// <summary>Raises a domain event: its handlers run before the commit, in this transaction.</summary>
    public void Raise(IDomainEvent domainEvent)
    {
        EnsureCollecting();
        _raised.Enqueue(domainEvent);
        if (domainEvent is IntegrationEvent notification)
        {
            _toPublish.Add(notification);
        }
    }

    /// <summary>
    /// Keeps what a handler worked out about <paramref name="about"/> for a later handler of the same change, so that the later one
    /// need not read it again: the Commission feature attributes an order before its insert (the guide goes in with the row) and
    /// earns the commission after it, on the guide's store it found then. Gone with the unit of work (a retry works it out again).
    /// </summary>
    public void Note<T>(object about, T value) where T : class => _notes[(about, typeof(T))] = value;

    /// <summary>What <see cref="Note{T}"/> kept about <paramref name="about"/>, or null when nothing was.</summary>
    public T? Noted<T>(object about) where T : class => _notes.GetValueOrDefault((about, typeof(T))) as T;

    /// <summary>Adds an integration event, published to the bus once this unit of work committed (never when it rolled back).</summary>
    public void Publish(IntegrationEvent integrationEvent)
    {
        EnsureCollecting();
        _toPublish.Add(integrationEvent);
    }

    /// <summary>
    /// Runs now the handlers of what was raised so far, and of what they raise, so that the service can write what
    /// depends on their work (its audit line) before it commits. <see cref="CommitAsync"/> does it anyway.
    /// </summary>
    public async Task RunHandlersAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        _state = State.Handling;
        try
        {
            while (_raised.TryDequeue(out var domainEvent))
            {
                await _dispatcher.HandleAsync(domainEvent, this, cancellationToken);
            }

            _state = State.Open;
        }
        catch
        {
            _state = State.Failed;
            throw;
        }
    }

    /// <summary>Runs the handlers still due, saves, commits, then publishes the integration events in the order they were added.</summary>
    /// <remarks>
    /// Publishing does not take <paramref name="cancellationToken"/>: once committed, the change is news for its
    /// subscribers even when the request that made it has gone.
    /// </remarks>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not { } transaction)
        {
            throw new InvalidOperationException("Nothing to commit before BeginWritesAsync: this unit of work has no transaction yet.");
        }

        await RunHandlersAsync(cancellationToken);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            _state = State.Failed;
            throw;
        }

        _state = State.Committed;
        await transaction.DisposeAsync();
        ReturnWriterConnection();
        if (_turn is { } turn)
        {
            await turn.PassAsync(); // the next writer need not wait for the publishing
        }
        await _dispatcher.PublishAsync(_toPublish);
    }

    public async ValueTask DisposeAsync()
    {
        _raised.Clear();
        _toPublish.Clear();
        _notes.Clear();
        StopRefusingWrites();
        try
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }
        }
        finally
        {
            ReturnWriterConnection();
            _turn?.Dispose();
        }
    }

    /// <summary>Before the turn passes, the context gets a connection of its own back (see <see cref="SqliteWriterConnection"/>).</summary>
    private void ReturnWriterConnection()
    {
        _writerConnection?.Dispose();
        _writerConnection = null;
    }

    private void RefuseSaving(object? sender, SavingChangesEventArgs e) => throw WriteBeforeBegin();

    private void StopRefusingWrites()
    {
        Db.SavingChanges -= RefuseSaving;
        _dispatcher.DonePreparing(Db);
    }

    /// <summary>Raising and publishing: before the commit, handlers included.</summary>
    private void EnsureCollecting()
    {
        if (_state is State.Failed or State.Committed)
        {
            throw new InvalidOperationException(Closed);
        }
    }

    /// <summary>Running handlers and committing: by the service, never from inside a handler.</summary>
    private void EnsureOpen()
    {
        if (_state == State.Handling)
        {
            throw new InvalidOperationException("A handler runs inside the unit of work: it raises and publishes, the service commits.");
        }

        if (_state != State.Open)
        {
            throw new InvalidOperationException(Closed);
        }
    }

    private string Closed => _state == State.Committed
        ? "This unit of work is committed: raise and publish in the next one."
        : "This unit of work failed (a handler, the save or the commit): it can only be disposed, which rolls it back.";
}
