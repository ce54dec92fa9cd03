using System.Text.Json.Nodes;
using MemberGraph.Domain;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>One request of a rows-compared check: the id of what it wrote and the SQL statements it sent (EF Core's and hand-written).</summary>
internal static class CheckedRequest
{
    /// <summary>Sends <paramref name="request"/> and decodes <c>data.{mutation}.{node}.id</c>, a global id of <paramref name="type"/>; throws when the answer has none.</summary>
    public static async Task<(long Id, long Statements)> SendAsync(BenchGateway gateway, HttpRequestMessage request, string mutation, string node, string type)
    {
        var before = gateway.SqlStatements + gateway.HandWrittenStatements;
        using var response = await gateway.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var statements = gateway.SqlStatements + gateway.HandWrittenStatements - before;
        var id = JsonNode.Parse(body)?["data"]?[mutation]?[node]?["id"]?.GetValue<string>()
                 ?? throw new InvalidOperationException($"{mutation} failed: {body}");
        return (GlobalId.TryDecode(id, type)!.Value, statements);
    }
}
