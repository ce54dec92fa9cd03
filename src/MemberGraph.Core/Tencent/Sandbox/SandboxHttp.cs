using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemberGraph.Tencent.Sandbox;

/// <summary>
/// One request to a fake Tencent API: the API name (the path after the base URL, without <c>cgi-bin/</c>, e.g.
/// <c>sns/jscode2session</c>, <c>externalcontact/get</c>), the query string and the JSON body.
/// </summary>
public sealed record SandboxCall(string Api, IReadOnlyDictionary<string, string> Query, JsonNode? Body)
{
    public string? Param(string name) => Query.GetValueOrDefault(name);

    /// <summary>A string field of the JSON body, or null.</summary>
    public string? Field(string name) => Body is JsonObject body && body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>What the fake API answers: JSON with HTTP 200 as the platform does (errcodes inside), or a bare HTTP status.</summary>
public sealed record SandboxReply(int Status, string? Json)
{
    /// <summary>No answer at all: 502, as when the platform cannot be reached through a proxy.</summary>
    public static readonly SandboxReply BadGateway = new(StatusCodes.Status502BadGateway, null);

    /// <summary>An object serialised as JSON; a string is sent as it is (to send something that is not JSON).</summary>
    public static SandboxReply Of(object answer) => new(StatusCodes.Status200OK, answer as string ?? JsonSerializer.Serialize(answer));

    public static SandboxReply Error(int errcode, string errmsg) => Of(new { errcode, errmsg });
}

/// <summary>The HTTP side shared by the gateway's sandbox endpoints and the test stubs: request in, <see cref="SandboxReply"/> out.</summary>
public static class SandboxHttp
{
    public static async Task HandleAsync(HttpContext http, string api, Func<SandboxCall, CancellationToken, ValueTask<SandboxReply>> answer)
    {
        string body;
        using (var reader = new StreamReader(http.Request.Body))
        {
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }

        JsonNode? json;
        try
        {
            json = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            await WriteAsync(http, SandboxReply.Error(47001, "data format error"));
            return;
        }

        var name = api.TrimStart('/');
        name = name.StartsWith("cgi-bin/", StringComparison.Ordinal) ? name["cgi-bin/".Length..] : name;
        var call = new SandboxCall(name, http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), json);
        await WriteAsync(http, await answer(call, http.RequestAborted));
    }

    private static async Task WriteAsync(HttpContext http, SandboxReply reply)
    {
        http.Response.StatusCode = reply.Status;
        if (reply.Json is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(reply.Json, http.RequestAborted);
        }
    }
}
