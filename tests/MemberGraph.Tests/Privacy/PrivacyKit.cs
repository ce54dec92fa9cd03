using System.Text.Json.Nodes;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Privacy;

/// <summary>A download of an export link: status, the headers a browser acts on, and the body.</summary>
internal sealed record Download(int Status, string? CacheControl, string? ContentDisposition, string? ContentType, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

/// <summary>The privacy documents the tests send, as a client sends them, and the download of an export link over plain HTTP.</summary>
internal sealed class PrivacyKit(GatewayHost gateway)
{
    public const string ExportMyData = "mutation { exportMyData { export { id url expiresAt createdAt } errors { code message field } } }";

    public const string RequestErasure = """
        mutation ($input: RequestErasureInput) {
          requestErasure(input: $input) {
            erasureRequest { id status requestedBy requestedAt dueAt cancelledAt completedAt member { id } }
            errors { code message field }
          }
        }
        """;

    public const string CancelErasure = """
        mutation ($input: CancelErasureInput) {
          cancelErasure(input: $input) { erasureRequest { id status dueAt cancelledAt } errors { code message field } }
        }
        """;

    public const string RunErasure = """
        mutation { runJob(input: { job: "privacy-erasure", wait: true }) { jobRun { status error figures { name value } } errors { code } } }
        """;

    public TestData Data { get; } = new(gateway);

    public async Task<JsonNode> ExportAsync(string token) => (await gateway.GraphQLAsync(ExportMyData, token: token)).OkData()["exportMyData"]!;

    /// <summary>Exports and expects success: the export (id, url, expiresAt, createdAt).</summary>
    public async Task<JsonNode> ExportedAsync(string token)
    {
        var payload = await ExportAsync(token);
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload["export"]!;
    }

    public async Task<JsonNode> RequestErasureAsync(string token, string? memberId = null) =>
        (await gateway.GraphQLAsync(RequestErasure, new { input = memberId is null ? null : new { memberId } }, token)).OkData()["requestErasure"]!;

    public async Task<JsonNode> CancelErasureAsync(string token, string? memberId = null) =>
        (await gateway.GraphQLAsync(CancelErasure, new { input = memberId is null ? null : new { memberId } }, token)).OkData()["cancelErasure"]!;

    /// <summary>Runs the erasure job as an admin and answers its figures by name.</summary>
    public async Task<Dictionary<string, long>> RunErasureAsync()
    {
        var run = (await gateway.GraphQLAsync(RunErasure, token: Data.AdminToken())).OkData()["runJob"]!;
        Assert.True(run["jobRun"]?["status"]?.GetValue<string>() == "SUCCEEDED", run.ToJsonString());
        return run["jobRun"]!["figures"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["value"]!.GetValue<long>());
    }

    /// <summary>GET of a link as a browser or wx.downloadFile sends it: no Authorization header.</summary>
    public async Task<Download> DownloadAsync(string url)
    {
        using var response = await gateway.Http.GetAsync(url);
        return new Download((int)response.StatusCode, response.Headers.CacheControl?.ToString(),
            response.Content.Headers.ContentDisposition?.ToString(), response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsStringAsync());
    }

    public static string? FirstErrorCode(JsonNode payload) => payload["errors"]!.AsArray().FirstOrDefault()?["code"]?.GetValue<string>();
}
