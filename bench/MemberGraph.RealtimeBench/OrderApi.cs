using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemberGraph.RealtimeBench;

/// <summary>
/// recordOrder through HTTP: as a POS or mall integration sends it (ingestion token, reading back the order's id), or,
/// with <paramref name="readsBuyer"/>, as the benchmark's set-up sends it (operator token, reading back the buyer's id,
/// which a channel integration may not read).
/// </summary>
public sealed class OrderApi(Uri gateway, string token, bool readsBuyer = false) : IDisposable
{
    private readonly string _recordOrder = $$"""
        mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { {{(readsBuyer ? "member { id }" : "id")}} } errors { code message } } }
        """;

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Records an order for the holder of <paramref name="card"/> (creating the member on first sight); returns the member's global id, or the order's.</summary>
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
            Content = new StringContent(JsonSerializer.Serialize(new { query = _recordOrder, variables = new { input } }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var payload = body["data"]?["recordOrder"];
        var order = payload?["order"];
        if (payload?["errors"] is not JsonArray { Count: 0 } || (readsBuyer ? order?["member"]?["id"] : order?["id"])?.GetValue<string>() is not { } id)
        {
            throw new InvalidOperationException($"recordOrder failed: {body.ToJsonString()}");
        }

        return id;
    }

    public void Dispose() => _http.Dispose();
}
