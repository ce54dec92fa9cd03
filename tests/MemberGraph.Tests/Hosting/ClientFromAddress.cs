using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// An HTTP client whose connections leave from a loopback address of its own (127.0.0.2, 127.0.0.3, ...: Linux answers the
/// whole 127/8), so a test is a client address of its own to the gateway's per-address rate limits.
/// </summary>
public sealed class ClientFromAddress : IDisposable
{
    private readonly HttpClient _http;

    public ClientFromAddress(GatewayHost gateway, string address)
    {
        Address = address;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Address { get; }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>POSTs a GraphQL request; the answer with its headers.</summary>
    public async Task<Answer> GraphQLAsync(string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        return await Answer.ReadAsync(response);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>An HTTP answer: status, headers and the JSON body.</summary>
    public sealed record Answer(int Status, HttpResponseHeaders Headers, JsonObject Json)
    {
        public string? FirstErrorCode => Json["errors"]?.AsArray().FirstOrDefault()?["extensions"]?["code"]?.GetValue<string>();

        public string? RetryAfter => Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;

        public static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
            new((int)response.StatusCode, response.Headers, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
