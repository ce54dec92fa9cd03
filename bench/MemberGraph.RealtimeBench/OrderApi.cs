using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemberGraph.RealtimeBench;

/// <summary>recordOrder through HTTP, as a POS or mall integration sends it (ingestion token).</summary>
public sealed class OrderApi(Uri gateway, string ingestionToken) : IDisposable
{
    private const string RecordOrder = """
        mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { member { id } } errors { code message } } }
        """;

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Records an order for the holder of <paramref name="card"/> (creating the member on first sight); returns the member's global id.</summary>
    public async Task<string> RecordAsync(string card, string channelOrderId, long paidCents, CancellationToken cancellationToken = default)
    {
        var input = new
        {
            channel = "POS",
            channelOrderId,
            identities = new[] { new { channel = "POS_CARD", externalId = card } },
            lines = new[] { new { sku = "SKU-APPLE", category = "DOMESTIC_FRUIT", quantity = 1, amountCents = paidCents } },
            paidAmountCents = paidCents,
            paidAt = DateTime.UtcNow.AddSeconds(-1).ToString("O"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = RecordOrder, variables = new { input } }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ingestionToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var payload = body["data"]?["recordOrder"];
        if (payload?["errors"] is not JsonArray { Count: 0 } || payload["order"]?["member"]?["id"]?.GetValue<string>() is not { } memberId)
        {
            throw new InvalidOperationException($"recordOrder failed: {body.ToJsonString()}");
        }

        return memberId;
    }

    public void Dispose() => _http.Dispose();
}
