namespace MemberGraph.GraphQL.Transport.WebSockets;

/// <summary>
/// One operation of a graphql-transport-ws connection: its execution's cancellation and, for a subscription, the
/// event stream it listens to. Disposing it — the client's <c>complete</c>, or the connection ending every
/// operation as it closes — cancels the work and stops the stream.
/// </summary>
internal sealed class WebSocketOperation : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private IDisposable? _subscription;
    private bool _disposed;

    public CancellationToken Cancellation => _cancellation.Token;

    public void Attach(IDisposable subscription)
    {
        lock (_cancellation)
        {
            if (_disposed)
            {
                subscription.Dispose();
                return;
            }

            _subscription = subscription;
        }
    }

    public void Dispose()
    {
        lock (_cancellation)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _subscription?.Dispose();
            _cancellation.Cancel();
        }
    }
}
