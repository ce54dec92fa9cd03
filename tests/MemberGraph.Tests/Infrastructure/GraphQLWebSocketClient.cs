using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>A bare graphql-transport-ws client for protocol tests: sends raw messages, reads messages and close codes.</summary>
public sealed class GraphQLWebSocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    private GraphQLWebSocketClient()
    {
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseReason => _socket.CloseStatusDescription;

    public static async Task<GraphQLWebSocketClient> ConnectAsync(GatewayHost gateway, string? subprotocol = "graphql-transport-ws")
    {
        var client = new GraphQLWebSocketClient();
        if (subprotocol is not null)
        {
            client._socket.Options.AddSubProtocol(subprotocol);
        }

        var uri = new UriBuilder(gateway.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
        await client._socket.ConnectAsync(uri, CancellationToken.None);
        return client;
    }

    public Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message));

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Sends bytes as one text message as they are, valid UTF-8 or not.</summary>
    public Task SendBytesAsync(byte[] text) =>
        _socket.SendAsync(text, WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Sends connection_init (with a bearer token when given) and expects connection_ack.</summary>
    public async Task InitAsync(string? token = null)
    {
        await SendAsync(token is null ? new { type = "connection_init" } : new { type = "connection_init", payload = new { Authorization = $"Bearer {token}" } });
        var ack = await ReceiveAsync();
        if (ack?["type"]?.GetValue<string>() != "connection_ack")
        {
            throw new Xunit.Sdk.XunitException($"Expected connection_ack, got {ack?.ToJsonString() ?? $"close {CloseStatus} {CloseReason}"}");
        }
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>
    /// Subscribes and waits until the server has set the subscription up: it handles a connection's messages in
    /// order, so the pong to a ping sent after the subscribe means the subscription is listening.
    /// </summary>
    public async Task SubscribeListeningAsync(string id, string query, object? variables = null)
    {
        await SubscribeAsync(id, query, variables);
        await SendAsync(new { type = "ping" });
        var pong = await ReceiveAsync();
        if (pong?["type"]?.GetValue<string>() != "pong")
        {
            throw new Xunit.Sdk.XunitException($"Expected pong after subscribing {id}, got {pong?.ToJsonString() ?? $"close {CloseStatus} {CloseReason}"}");
        }
    }

    /// <summary>The next message, skipping server pings; null when the server closed the connection.</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(buffer, cancel.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            var json = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!.AsObject();
            if (json["type"]?.GetValue<string>() == "ping")
            {
                continue;
            }

            return json;
        }
    }

    /// <summary>The next message, which must be a <c>next</c> (of <paramref name="id"/> when given); returns its payload's data.</summary>
    public async Task<JsonNode> NextDataAsync(string? id = null, TimeSpan? timeout = null)
    {
        var message = await ReceiveAsync(timeout) ?? throw new Xunit.Sdk.XunitException($"Expected next, the server closed: {CloseStatus} {CloseReason}");
        if (message["type"]?.GetValue<string>() != "next" || (id is not null && message["id"]?.GetValue<string>() != id))
        {
            throw new Xunit.Sdk.XunitException($"Expected next{(id is null ? "" : $" for {id}")}, got {message.ToJsonString()}");
        }

        var payload = message["payload"]!;
        if (payload["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new Xunit.Sdk.XunitException($"Expected data, got errors: {errors.ToJsonString()}");
        }

        return payload["data"]!;
    }

    /// <summary>Reads until the server closes, returning the close code.</summary>
    public async Task<int?> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        while (await ReceiveAsync(timeout ?? TimeSpan.FromSeconds(10)) is not null)
        {
        }

        return (int?)CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        _socket.Dispose();
    }
}
