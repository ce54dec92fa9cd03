using GraphQL;
using MemberGraph.Auth;
using Microsoft.Extensions.Options;

namespace MemberGraph.GraphQL.Transport.WebSockets;

/// <summary>Accepts WebSocket upgrades at /graphql for the graphql-transport-ws subprotocol and runs the connection.</summary>
public sealed class GraphQLWebSocketHandler(
    GraphQLExecutor executor,
    IGraphQLTextSerializer serializer,
    BearerTokenValidator tokens,
    TimeProvider clock,
    IOptions<GraphQLWebSocketOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<GraphQLWebSocketConnection> logger)
{
    public const string Subprotocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol))
        {
            using var refused = await http.WebSockets.AcceptWebSocketAsync();
            await refused.CloseOutputAsync((System.Net.WebSockets.WebSocketCloseStatus)CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", http.RequestAborted);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync(Subprotocol);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var connection = new GraphQLWebSocketConnection(socket, executor, serializer, tokens, clock, options.Value, http.RequestServices,
            Hosting.RateLimiting.ClientAddress.Of(http), logger);
        await connection.RunAsync(stopping.Token);
    }
}
