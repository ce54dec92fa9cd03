using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MemberGraph.GraphQL.Transport;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tests.GraphQL;

/// <summary>One gateway with the test-only fields and small request limits, shared by a transport test class.</summary>
public sealed class TransportGatewayFixture : IAsyncLifetime
{
    public const int MaxRequestBodyBytes = 16 * 1024;
    public const int MaxQueryLength = 8 * 1024;

    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>The limits the gateway runs with (depth and complexity come from appsettings.json).</summary>
    public GraphQLHttpOptions Limits => Gateway.Services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value;

    public async Task InitializeAsync() => Gateway = await GatewayHost.StartAsync(
        new Dictionary<string, string?>
        {
            ["GraphQL:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GraphQL:MaxQueryLength"] = MaxQueryLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        services: TransportTestFields.Register);

    public async Task DisposeAsync() => await Gateway.DisposeAsync();

    /// <summary>Sends a raw request and keeps everything a transport test looks at.</summary>
    public async Task<RawResponse> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null, string? accept = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Gateway.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new RawResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Content.Headers.Allow.Concat(response.Headers.TryGetValues("Allow", out var allow) ? allow : []).ToList(), body);
    }

    /// <summary>A UTF-8 body with exactly the given Content-Type header (none when null).</summary>
    public static ByteArrayContent Body(string text, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    public static string Get(string query, string? variables = null, string? operationName = null)
    {
        var path = "/graphql?query=" + Uri.EscapeDataString(query);
        if (variables is not null)
        {
            path += "&variables=" + Uri.EscapeDataString(variables);
        }

        if (operationName is not null)
        {
            path += "&operationName=" + Uri.EscapeDataString(operationName);
        }

        return path;
    }
}

/// <summary>Status, content type, Allow header and body of a raw HTTP answer.</summary>
public sealed record RawResponse(int Status, string? ContentType, IReadOnlyList<string> Allow, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string? FirstErrorCode => (Json["errors"] as JsonArray)?.FirstOrDefault()?["extensions"]?["code"]?.GetValue<string>();
}
