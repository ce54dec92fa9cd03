using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MemberGraph.RealtimeBench;

/// <summary>
/// One member's WebSocket: connection_init with the member's token, a pointsChanged subscription, then a receive
/// loop that turns every <c>next</c> into a latency (receive time minus the event's occurredAt, set at commit).
/// </summary>
public sealed class Subscriber(Uri socketAddress, string token, Latencies latencies) : IAsyncDisposable
{
    private const string Document = "subscription { pointsChanged { occurredAt } }";
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[4096];
    private Task? _receiving;

    public int Received { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _socket.Options.AddSubProtocol("graphql-transport-ws");
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await _socket.ConnectAsync(socketAddress, cancellationToken);
        await SendAsync(new { type = "connection_init", payload = new { Authorization = $"Bearer {token}" } }, cancellationToken);
        await ExpectAsync("connection_ack", cancellationToken);
        await SendAsync(new { id = "1", type = "subscribe", payload = new { query = Document } }, cancellationToken);
        // The server handles a connection's messages in order: the pong means the subscription listens.
        await SendAsync(new { type = "ping" }, cancellationToken);
        await ExpectAsync("pong", cancellationToken);
        _receiving = ReceiveLoopAsync();
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var (text, closed) = await ReceiveTextAsync(CancellationToken.None);
                var at = DateTime.UtcNow;
                if (closed)
                {
                    return;
                }

                using var message = JsonDocument.Parse(text);
                if (message.RootElement.GetProperty("type").GetString() != "next")
                {
                    continue; // server keep-alive pings
                }

                var occurredAt = message.RootElement.GetProperty("payload").GetProperty("data").GetProperty("pointsChanged").GetProperty("occurredAt").GetString()!;
                var committed = DateTime.Parse(occurredAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                latencies.Add((at - committed).TotalMilliseconds);
                Received++;
            }
        }
        catch (WebSocketException)
        {
        }
    }

    private async Task ExpectAsync(string type, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (text, closed) = await ReceiveTextAsync(cancellationToken);
            if (closed)
            {
                throw new InvalidOperationException($"Closed while waiting for {type}: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            }

            using var message = JsonDocument.Parse(text);
            var received = message.RootElement.GetProperty("type").GetString();
            if (received == type)
            {
                return;
            }

            if (received is not "ping")
            {
                throw new InvalidOperationException($"Expected {type}, got {text}");
            }
        }
    }

    private async Task<(string Text, bool Closed)> ReceiveTextAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        byte[] buffer = _buffer;
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return ("", true);
            }

            length += received.Count;
            if (received.EndOfMessage)
            {
                return (Encoding.UTF8.GetString(buffer, 0, length), false);
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    private Task SendAsync(object message, CancellationToken cancellationToken) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        if (_receiving is not null)
        {
            await Task.WhenAny(_receiving, Task.Delay(1000));
        }

        _socket.Dispose();
    }
}
