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
/// WebSocket allows one send at a time.
/// </summary>
public sealed class GraphQLWebSocketConnection(
    WebSocket socket,
    GraphQLExecutor executor,
    IGraphQLTextSerializer serializer,
    BearerTokenValidator tokens,
    TimeProvider clock,
    GraphQLWebSocketOptions options,
    IServiceProvider services,
    ILogger<GraphQLWebSocketConnection> logger)
{
    private readonly Channel<string> _outbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, IDisposable> _operations = new();
    private readonly CancellationTokenSource _closed = new();
    private Caller _caller = Caller.Anonymous;
    private DateTime? _tokenExpiresAt;
    private int _initReceived;
    private volatile bool _acknowledged;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closed.Token);
        var writer = WriteLoopAsync(linked.Token);
        var initTimeout = CloseIfNotInitialisedAsync(linked.Token);
        var keepAlive = KeepAliveAsync(linked.Token);
        try
        {
            await ReadLoopAsync(linked.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Server shutting down");
        }
        catch (WebSocketException ex)
        {
            logger.LogDebug("WebSocket closed abruptly: {Message}", ex.Message);
        }
        finally
        {
            foreach (var operation in _operations.Values)
            {
                operation.Dispose();
            }

            _operations.Clear();
            _outbox.Writer.TryComplete();
            await _closed.CancelAsync();
            await Task.WhenAll(Quietly(writer), Quietly(initTimeout), Quietly(keepAlive));
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open && !cancellationToken.IsCancellationRequested)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "");
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (message.Length > options.MaxMessageBytes)
            {
                await CloseAsync((WebSocketCloseStatus)CloseCodes.BadRequest, "Message too large");
                return;
            }

            if (!received.EndOfMessage)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            if (!await HandleMessageAsync(text, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Handles one client message; false when the connection was closed because of it.</summary>
    private async Task<bool> HandleMessageAsync(string text, CancellationToken cancellationToken)
    {
        if (!ClientMessage.TryParse(text, out var message, out var problem))
        {
            await CloseAsync((WebSocketCloseStatus)CloseCodes.BadRequest, problem);
            return false;
        }

        switch (message.Type)
        {
            case "connection_init":
                return await InitialiseAsync(message);
            case "ping":
                Send(new { type = "pong" });
                return true;
            case "pong":
                return true;
            case "subscribe":
                if (!_acknowledged)
                {
                    await CloseAsync((WebSocketCloseStatus)CloseCodes.Unauthorized, "Unauthorized");
                    return false;
                }

                return await SubscribeAsync(message.Id!, message.Payload!.Value, cancellationToken);
            case "complete":
                if (_operations.TryRemove(message.Id!, out var operation))
                {
                    operation.Dispose();
                }

                return true;
            default:
                await CloseAsync((WebSocketCloseStatus)CloseCodes.BadRequest, $"Unknown message type '{message.Type}'");
                return false;
        }
    }

    private async Task<bool> InitialiseAsync(ClientMessage message)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            await CloseAsync((WebSocketCloseStatus)CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return false;
        }

        var authorization = message.Payload is { ValueKind: JsonValueKind.Object } payload
            ? (payload.TryGetProperty("Authorization", out var a) || payload.TryGetProperty("authorization", out a)) && a.ValueKind == JsonValueKind.String ? a.GetString() : null
            : null;
        if (authorization is not null)
        {
            if (await tokens.ValidateAsync(authorization) is not { } validated)
            {
                logger.LogInformation("WebSocket connection_init refused: invalid or expired token");
                await CloseAsync((WebSocketCloseStatus)CloseCodes.Forbidden, "Forbidden");
                return false;
            }

            (_caller, _tokenExpiresAt) = validated;
        }

        _acknowledged = true;
        Send(new { type = "connection_ack" });
        return true;
    }

    private async Task<bool> SubscribeAsync(string id, JsonElement payload, CancellationToken cancellationToken)
    {
        if (_operations.ContainsKey(id))
        {
            await CloseAsync((WebSocketCloseStatus)CloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return false;
        }

        if (_operations.Count >= options.MaxSubscriptionsPerConnection)
        {
            SendErrors(id, new GraphQLRequestError("TOO_MANY_SUBSCRIPTIONS", $"At most {options.MaxSubscriptionsPerConnection} operations per connection."));
            return true;
        }

        GraphQLRequest request;
        try
        {
            request = serializer.Deserialize<GraphQLRequest>(payload.GetRawText())!;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            await CloseAsync((WebSocketCloseStatus)CloseCodes.BadRequest, "Invalid subscribe payload");
            return false;
        }

        var caller = _tokenExpiresAt is { } expires && clock.GetUtcNow().UtcDateTime >= expires ? Caller.Anonymous : _caller;
        var operation = new Operation();
        _operations[id] = operation;
        var result = await executor.ExecuteAsync(request, caller, services, isHttpGet: false, cancellationToken);

        if (result.Streams is { Count: > 0 } streams && (result.Errors is null || result.Errors.Count == 0))
        {
            operation.Attach(streams.Values.First().Subscribe(new StreamObserver(this, id)));
            if (!_operations.ContainsKey(id))
            {
                operation.Dispose();
            }

            return true;
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

        _operations.TryRemove(id, out _);
        return true;
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

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var text in _outbox.Reader.ReadAllAsync(cancellationToken))
        {
            if (socket.State != WebSocketState.Open)
            {
                return;
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
        }
    }

    private async Task CloseIfNotInitialisedAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(options.ConnectionInitTimeout, clock, cancellationToken);
        if (!_acknowledged)
        {
            await CloseAsync((WebSocketCloseStatus)CloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
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

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseAsync(status, reason, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                logger.LogDebug("Closing the WebSocket failed: {Message}", ex.Message);
            }
        }

        await _closed.CancelAsync();
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

    private sealed class Operation : IDisposable
    {
        private IDisposable? _subscription;
        private bool _disposed;

        public void Attach(IDisposable subscription)
        {
            lock (this)
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
            lock (this)
            {
                _disposed = true;
                _subscription?.Dispose();
            }
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
