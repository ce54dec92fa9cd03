using System.Text.Json.Nodes;
using MemberGraph.Data;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>Pages through a list over HTTP as an app does (first N, then after each endCursor), and counts a request's SQL statements.</summary>
public static class ListPages
{
    /// <summary>The key of every node, page after page, until hasNextPage is false.</summary>
    public static async Task<List<string>> WalkAsync(GatewayHost gateway, string query, Func<string?, object> variables, string token,
        Func<JsonNode, JsonNode> connection, Func<JsonNode, string> key)
    {
        var keys = new List<string>();
        string? after = null;
        for (var page = 0; page < 100; page++)
        {
            var list = connection((await gateway.GraphQLAsync(query, variables(after), token)).OkData());
            keys.AddRange(list["edges"]!.AsArray().Select(e => key(e!["node"]!)));
            if (!list["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                return keys;
            }

            after = list["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        throw new Xunit.Sdk.XunitException("The list did not end within 100 pages.");
    }

    /// <summary>The SQL statements one request sent (it must succeed). The counter is the gateway's, so tests of one gateway run one at a time.</summary>
    public static async Task<long> StatementsAsync(GatewayHost gateway, string query, object? variables, string token)
    {
        var counter = gateway.Service<SqlCommandCounter>();
        var before = counter.Count;
        (await gateway.GraphQLAsync(query, variables, token)).OkData();
        return counter.Count - before;
    }

    /// <summary>The endCursor of the first page of a request.</summary>
    public static async Task<string> EndCursorAsync(GatewayHost gateway, string query, object? variables, string token, Func<JsonNode, JsonNode> connection) =>
        connection((await gateway.GraphQLAsync(query, variables, token)).OkData())["pageInfo"]!["endCursor"]!.GetValue<string>();
}
