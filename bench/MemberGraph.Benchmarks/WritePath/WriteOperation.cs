using System.Text;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// One mutation of the write path and its hand-written twin: each call of <see cref="GraphQL"/> or <see cref="HandWritten"/>
/// makes a fresh request (a new order number, another coupon), so every request writes. An answer counts when its payload has
/// no errors. <see cref="Goal"/> names the throughput goal at 8 clients, where the issue sets one. <see cref="Prepare"/>, where
/// given, runs before every slice of either side, outside the measurement (refunds need fresh paid orders).
/// </summary>
internal sealed record WriteOperation(string Name, Func<HttpRequestMessage> GraphQL, Func<HttpRequestMessage> HandWritten, int? Goal = null, Func<Task>? Prepare = null)
{
    private static readonly byte[] NoErrors = Encoding.UTF8.GetBytes("\"errors\":[]");

    /// <summary>The first refused answer of the run, shown once so a failing side is explained rather than just counted.</summary>
    public string? FirstFailure { get; private set; }

    public bool Answered(byte[] body)
    {
        if (body.AsSpan().IndexOf(NoErrors) >= 0 && !body.AsSpan().StartsWith("{\"errors\""u8))
        {
            return true;
        }

        FirstFailure ??= Encoding.UTF8.GetString(body);
        return false;
    }

    public static HttpRequestMessage Post(string path, byte[] body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (path == "/graphql")
        {
            request.Headers.Accept.ParseAdd("application/graphql-response+json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return request;
    }
}
