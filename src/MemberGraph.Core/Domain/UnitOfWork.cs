using MemberGraph.Data;
using MemberGraph.Realtime;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Domain;

/// <summary>
/// One attempt at a change: a transaction on <see cref="Db"/> and the events raised inside it. Begun by
/// <see cref="DomainEventDispatcher.BeginAsync"/>; <see cref="CommitAsync"/> runs the handlers, commits, and only then
/// publishes the integration events. Disposed without a commit (a refusal, an exception, a retry) it rolls back, and
/// what was raised and collected goes with it: a retry begins a new unit of work, raises again, and its handlers run
/// again, so a retried change is published once, by the attempt that committed.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly DomainEventDispatcher _dispatcher;
    private readonly WriterTurn _turn;
    private readonly Queue<IDomainEvent> _raised = new();
    private readonly List<IntegrationEvent> _toPublish = [];
    private readonly Dictionary<(object About, Type Kind), object> _notes = [];
    private State _state = State.Open;

    internal UnitOfWork(MemberGraphDb db, IDbContextTransaction transaction, DomainEventDispatcher dispatcher, WriterTurn turn)
    {
        Db = db;
        _transaction = transaction;
        _dispatcher = dispatcher;
        _turn = turn;
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
        await RunHandlersAsync(cancellationToken);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
            await _transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            _state = State.Failed;
            throw;
        }

        _state = State.Committed;
        _turn.Dispose(); // the next writer need not wait for the publishing
        await _dispatcher.PublishAsync(_toPublish);
    }

    public async ValueTask DisposeAsync()
    {
        _raised.Clear();
        _toPublish.Clear();
        _notes.Clear();
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            _turn.Dispose();
        }
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
