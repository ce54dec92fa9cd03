using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using MemberGraph.Auth;

namespace MemberGraph.GraphQL.Transport.WebSockets;

/// <summary>
/// One graphql-transport-ws connection: connection_init (with the bearer token in its payload) then
/// subscribe/next/error/complete, ping/pong both ways. Outgoing messages go through one writer loop, since a
/// WebSocket allows one send at a time. Incoming messages are handled one at a time, in order, by a handler loop
/// fed by the reader, so the reader keeps reading while an operation runs: a <c>complete</c> for it, or the socket
/// closing, cancels its work at once. The connection closes (4403) when the token of connection_init expires.
/// </summary>
public sealed class GraphQLWebSocketConnection(
    WebSocket socket,
    GraphQLExecutor executor,
    IGraphQLTextSerializer serializer,
    BearerTokenValidator tokens,
    TimeProvider clock,
    GraphQLWebSocketOptions options,
    IServiceProvider services,
    string clientAddress,
    ILogger<GraphQLWebSocketConnection> logger)
{
    /// <summary>How long the client has to answer our close frame before the connection is dropped.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    // Synchronous continuations: an event's `next` is written by the thread that published it (after its commit)
    // instead of waiting in the thread-pool queue behind the requests that keep the gateway busy.
    private readonly Channel<string> _outbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly ConcurrentDictionary<string, WebSocketOperation> _operations = new();

    // Bounded: a client that floods messages while an operation runs is read no faster than they are handled.
    private readonly Channel<ClientMessage?> _inbox = Channel.CreateBounded<ClientMessage?>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenSource _aborted = new();
    private Caller _caller = Caller.Anonymous;
    private DateTime? _tokenExpiresAt;
    private int _initReceived;
    private int _closeRequested;
    private (WebSocketCloseStatus Status, string Reason) _close;
    private volatile bool _acknowledged;

    /// <summary>
    /// Runs the connection until it closes. When <paramref name="stopping"/> fires (the gateway shuts down), the
    /// subscriptions end and the client gets a 1001 close frame after the messages already queued.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var writer = WriteLoopAsync();
        var initTimeout = CloseIfNotInitialisedAsync(_closed.Token);
        var keepAlive = KeepAliveAsync(_closed.Token);
        var handler = HandleLoopAsync();
        await using var goingAway = stopping.Register(() => RequestClose(WebSocketCloseStatus.EndpointUnavailable, "Server shutting down"));
        try
        {
            await ReadLoopAsync();
        }
        catch (WebSocketException ex)
        {
            logger.LogDebug("WebSocket closed abruptly: {Message}", ex.Message);
        }
        finally
        {
            // The client is gone or closing: running operations are cancelled, and the connection's services (which
            // they use) end only after the handler has finished with them.
            _inbox.Writer.TryComplete();
            EndOperations();
            RequestClose(WebSocketCloseStatus.NormalClosure, "");
            await _closed.CancelAsync();
            await Task.WhenAll(Quietly(handler), Quietly(writer), Quietly(initTimeout), Quietly(keepAlive));
        }
    }

    /// <summary>
    /// Reads client messages until the close handshake ends. The read is never cancelled by a token: cancelling a
    /// WebSocket read aborts the socket, and a clean close needs the socket to read the client's close frame.
    /// </summary>
    private async Task ReadLoopAsync()
    {
        var buffer = new byte[8 * 1024];
        using var message = new MemoryStream();
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                RequestClose(WebSocketCloseStatus.NormalClosure, "");
                return;
            }

            if (Volatile.Read(ref _closeRequested) == 1)
            {
                continue; // closing: what the client still sends is ignored
            }

            message.Write(buffer, 0, received.Count);
            if (message.Length > options.MaxMessageBytes)
            {
                RequestClose((WebSocketCloseStatus)CloseCodes.BadRequest, "Message too large");
                continue;
            }

            if (!received.EndOfMessage)
            {
                continue;
            }

            // A text frame that is not UTF-8 never gets here: the runtime's WebSocket closes with 1007 (tested).
            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            if (!ClientMessage.TryParse(text, out var parsed, out var problem))
            {
                RequestClose((WebSocketCloseStatus)CloseCodes.BadRequest, problem);
                continue;
            }

            if (parsed is { Type: "complete", Id: { } id } && _operations.TryRemove(id, out var operation))
            {
                operation.Dispose(); // at once, even while the handler is busy running it
            }

            await _inbox.Writer.WriteAsync(parsed);
        }
    }

    private async Task HandleLoopAsync()
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync())
        {
            if (Volatile.Read(ref _closeRequested) == 0)
            {
                await HandleMessageAsync(message!);
            }
        }
    }

    /// <summary>Handles one client message, in the order they came (a protocol violation requests the close).</summary>
    private async Task HandleMessageAsync(ClientMessage message)
    {
        switch (message.Type)
        {
            case "connection_init":
                await InitialiseAsync(message);
                return;
            case "ping":
                Send(new { type = "pong" });
                return;
            case "pong":
                return;
            case "subscribe":
                if (!_acknowledged)
                {
                    RequestClose((WebSocketCloseStatus)CloseCodes.Unauthorized, "Unauthorized");
                    return;
                }

                await SubscribeAsync(message.Id!, message.Payload!.Value);
                return;
            case "complete":
                if (_operations.TryRemove(message.Id!, out var operation))
                {
                    operation.Dispose();
                }

                return;
            default:
                RequestClose((WebSocketCloseStatus)CloseCodes.BadRequest, $"Unknown message type '{message.Type}'");
                return;
        }
    }

    private async Task InitialiseAsync(ClientMessage message)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            RequestClose((WebSocketCloseStatus)CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }

        var authorization = message.Payload is { ValueKind: JsonValueKind.Object } payload
            ? (payload.TryGetProperty("Authorization", out var a) || payload.TryGetProperty("authorization", out a)) && a.ValueKind == JsonValueKind.String ? a.GetString() : null
            : null;
        if (authorization is not null)
        {
            if (await tokens.ValidateAsync(authorization) is not { } validated)
            {
                logger.LogInformation("WebSocket connection_init refused: invalid or expired token");
                RequestClose((WebSocketCloseStatus)CloseCodes.Forbidden, "Forbidden");
                return;
            }

            (_caller, _tokenExpiresAt) = validated;
            _ = CloseWhenTokenExpiresAsync(validated.ExpiresAt, _closed.Token);
        }

        _acknowledged = true;
        Send(new { type = "connection_ack" });
        return;
    }

    private async Task SubscribeAsync(string id, JsonElement payload)
    {
        if (_operations.ContainsKey(id))
        {
            RequestClose((WebSocketCloseStatus)CloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }

        if (_operations.Count >= options.MaxSubscriptionsPerConnection)
        {
            SendErrors(id, new GraphQLRequestError("TOO_MANY_SUBSCRIPTIONS", $"At most {options.MaxSubscriptionsPerConnection} operations per connection."));
            return;
        }

        var raw = payload.GetRawText();
        if (raw.Contains("\\u", StringComparison.Ordinal) && LoneSurrogates.InJson(Encoding.UTF8.GetBytes(raw)))
        {
            SendErrors(id, new GraphQLRequestError(TransportErrorCodes.InvalidString, LoneSurrogates.Message));
            return;
        }

        GraphQLRequest request;
        try
        {
            request = serializer.Deserialize<GraphQLRequest>(raw)!;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            RequestClose((WebSocketCloseStatus)CloseCodes.BadRequest, "Invalid subscribe payload");
            return;
        }

        if (LoneSurrogates.InDocument(request.Query))
        {
            SendErrors(id, new GraphQLRequestError(TransportErrorCodes.InvalidString, LoneSurrogates.Message));
            return;
        }

        var caller = _tokenExpiresAt is { } expires && clock.GetUtcNow().UtcDateTime >= expires ? Caller.Anonymous : _caller;
        var operation = new WebSocketOperation();
        _operations[id] = operation;
        ExecutionResult result;
        try
        {
            result = await executor.ExecuteAsync(request, caller, clientAddress, services, isHttpGet: false, operation.Cancellation);
        }
        catch (OperationCanceledException) when (operation.Cancellation.IsCancellationRequested)
        {
            logger.LogDebug("WebSocket operation {Id} was cancelled before it finished", id);
            return; // completed by the client, or the connection is closing: nothing more is said about it
        }

        if (result.Streams is { Count: > 0 } streams && (result.Errors is null || result.Errors.Count == 0))
        {
            operation.Attach(streams.Values.First().Subscribe(new StreamObserver(this, id)));
            if (!_operations.ContainsKey(id))
            {
                operation.Dispose();
            }

            return;
        }

        if (!_operations.TryRemove(new KeyValuePair<string, WebSocketOperation>(id, operation)))
        {
            return; // the client completed it while it ran
        }

        if (!result.Executed || result.Data is null)
        {
            SendErrors(id, result.Errors?.ToArray() ?? []);
        }
        else
        {
            Send(new { id, type = "next", payload = result });
            Send(new { id, type = "complete" });
        }
    }

    private void SendErrors(string id, params ExecutionError[] errors)
    {
        // The error payload is the GraphQL errors array, formatted as in a response.
        var json = serializer.Serialize(new ExecutionResult { Errors = [.. errors] });
        using var document = JsonDocument.Parse(json);
        var array = document.RootElement.GetProperty("errors").GetRawText();
        _outbox.Writer.TryWrite($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"error\",\"payload\":{array}}}");
    }

    private void LogStreamFailure(Exception error, string id) => logger.LogError(error, "Subscription {Id} failed", id);

    private void Send(object message) => _outbox.Writer.TryWrite(serializer.Serialize(message));

    /// <summary>
    /// The only sender on the socket: queued messages in order, then the close frame once a close was requested.
    /// Cancelled only when the client does not finish the close handshake in time (the socket is aborted then).
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var cancellationToken = _aborted.Token;
        await foreach (var text in _outbox.Reader.ReadAllAsync(cancellationToken))
        {
            if (socket.State != WebSocketState.Open)
            {
                return;
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(_close.Status, _close.Reason, cancellationToken);
        }
    }

    private async Task CloseIfNotInitialisedAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(options.ConnectionInitTimeout, clock, cancellationToken);
        if (!_acknowledged)
        {
            RequestClose((WebSocketCloseStatus)CloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
        }
    }

    /// <summary>
    /// A subscription lives no longer than the token it was opened with: when the token expires the socket closes
    /// with 4403, as connection_init refuses an expired token, and the app reconnects with a fresh one.
    /// </summary>
    private async Task CloseWhenTokenExpiresAsync(DateTime? expiresAt, CancellationToken cancellationToken)
    {
        if (expiresAt is not { } expires)
        {
            return;
        }

        try
        {
            // A timer may fire a little early against the wall clock (seen: 20 ns): wait again until the token has expired,
            // at least a millisecond at a time, so the socket never closes while its token still stands.
            for (var left = expires - clock.GetUtcNow().UtcDateTime; left > TimeSpan.Zero; left = expires - clock.GetUtcNow().UtcDateTime)
            {
                await Task.Delay(left < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left, clock, cancellationToken);
            }

            logger.LogInformation("WebSocket closed: the token of connection_init expired at {Expires:O}", expires);
            RequestClose((WebSocketCloseStatus)CloseCodes.Forbidden, "Token expired");
        }
        catch (OperationCanceledException)
        {
            // closed before the token expired
        }
    }

    private async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.KeepAliveInterval, clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (_acknowledged)
            {
                Send(new { type = "ping" });
            }
        }
    }

    /// <summary>
    /// Starts closing (the first request wins): subscriptions end, what is already queued is still sent, then the
    /// close frame; the read loop ends when the client answers it, or the socket is aborted after a timeout.
    /// </summary>
    private void RequestClose(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1)
        {
            return;
        }

        _close = (status, reason);
        EndOperations();
        _outbox.Writer.TryComplete();
        _ = AbortUnlessClosedAsync();
    }

    private async Task AbortUnlessClosedAsync()
    {
        try
        {
            await Task.Delay(CloseHandshakeTimeout, _closed.Token);
        }
        catch (OperationCanceledException)
        {
            return; // the connection ended in time
        }

        logger.LogDebug("The client did not complete the close handshake in time; aborting the WebSocket");
        await _aborted.CancelAsync();
        socket.Abort();
    }

    private void EndOperations()
    {
        foreach (var id in _operations.Keys)
        {
            if (_operations.TryRemove(id, out var operation))
            {
                operation.Dispose();
            }
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ChannelClosedException)
        {
        }
    }

    private sealed class StreamObserver(GraphQLWebSocketConnection connection, string id) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => connection.Send(new { id, type = "next", payload = value });

        public void OnError(Exception error)
        {
            connection.LogStreamFailure(error, id);
            connection.SendErrors(id, new GraphQLRequestError(ErrorCodes.Internal, "The subscription failed on our side; it has been logged."));
            connection._operations.TryRemove(id, out _);
        }

        public void OnCompleted()
        {
            if (connection._operations.TryRemove(id, out _))
            {
                connection.Send(new { id, type = "complete" });
            }
        }
    }
}
