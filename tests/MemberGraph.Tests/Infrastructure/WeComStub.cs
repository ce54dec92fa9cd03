using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A local WeCom server API on 127.0.0.1 (real Kestrel, port 0) speaking WeCom's JSON, errcodes included. It hands
/// out access tokens and refuses stale ones (42001), answers each API from programmable state, and counts and keeps
/// every call so tests can assert on what the gateway sent.
/// </summary>
public sealed class WeComStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubCall> _calls = new();
    private readonly ConcurrentDictionary<string, Func<StubCall, object?>> _overrides = new();
    private int _tokenSequence;
    private volatile string? _validToken;

    private WeComStub(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>unionid returned by externalcontact/get, by external user id (none when absent).</summary>
    public ConcurrentDictionary<string, string> UnionIds { get; } = new();

    /// <summary>auth/getuserinfo: corp member userid by OAuth code; <see cref="OpenIdCodes"/> answer as non-members; other codes 40029.</summary>
    public ConcurrentDictionary<string, string> UserIdsByCode { get; } = new();

    public ConcurrentDictionary<string, string> OpenIdCodes { get; } = new();

    /// <summary>transfer_customer: a per-customer errcode for these external user ids (default 0).</summary>
    public ConcurrentDictionary<string, int> TransferErrCodes { get; } = new();

    /// <summary>transfer_result: status (1 done, 2 waiting, 3 refused, 4 limit) by external user id; unlisted customers are not reported.</summary>
    public ConcurrentDictionary<string, int> TransferStatuses { get; } = new();

    /// <summary>gettoken's expires_in.</summary>
    public int TokenLifetimeSeconds { get; set; } = 7200;

    public static async Task<WeComStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new WeComStub(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        stub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return stub;
    }

    /// <summary>Answers <paramref name="api"/> (e.g. "externalcontact/get") with this JSON instead of the default behaviour.</summary>
    public void On(string api, Func<StubCall, object?> respond) => _overrides[api] = respond;

    public void Reset(string api) => _overrides.TryRemove(api, out _);

    /// <summary>Makes the current access token stale: the next call gets errcode 42001 until a new token is fetched.</summary>
    public void ExpireToken() => _validToken = null;

    public IReadOnlyList<StubCall> CallsTo(string api) => _calls.Where(c => c.Api == api).ToList();

    public int Calls(string api) => _calls.Count(c => c.Api == api);

    private async Task HandleAsync(HttpContext http)
    {
        var api = http.Request.Path.Value!.TrimStart('/').Replace("cgi-bin/", "", StringComparison.Ordinal);
        string body;
        using (var reader = new StreamReader(http.Request.Body))
        {
            body = await reader.ReadToEndAsync();
        }

        var call = new StubCall(api, http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), body.Length == 0 ? null : JsonNode.Parse(body));
        _calls.Enqueue(call);

        object? answer;
        if (_overrides.TryGetValue(api, out var respond))
        {
            answer = respond(call);
        }
        else if (api == "gettoken")
        {
            _validToken = $"stub-token-{Interlocked.Increment(ref _tokenSequence)}";
            answer = new { errcode = 0, errmsg = "ok", access_token = _validToken, expires_in = TokenLifetimeSeconds };
        }
        else if (call.Query.GetValueOrDefault("access_token") != _validToken)
        {
            answer = new { errcode = 42001, errmsg = "access_token expired" };
        }
        else
        {
            answer = Default(call);
        }

        if (answer is null)
        {
            http.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer as string ?? JsonSerializer.Serialize(answer));
    }

    private object Default(StubCall call) => call.Api switch
    {
        "externalcontact/get" => ExternalContact(call.Query.GetValueOrDefault("external_userid") ?? ""),
        "auth/getuserinfo" => UserInfo(call.Query.GetValueOrDefault("code") ?? ""),
        "externalcontact/add_contact_way" => new { errcode = 0, errmsg = "ok", config_id = $"cfg-{call.Body!["state"]}", qr_code = $"https://wework.qpic.cn/stub/{call.Body!["state"]}.png" },
        "externalcontact/transfer_customer" or "externalcontact/resigned/transfer_customer" => new
        {
            errcode = 0,
            errmsg = "ok",
            customer = call.Body!["external_userid"]!.AsArray().Select(e => (string)e!)
                .Select(e => new { external_userid = e, errcode = TransferErrCodes.GetValueOrDefault(e) }).ToList(),
        },
        "externalcontact/transfer_result" or "externalcontact/resigned/transfer_result" => new
        {
            errcode = 0,
            errmsg = "ok",
            customer = TransferStatuses.Select(s => new { external_userid = s.Key, status = s.Value, takeover_time = 1700000000 }).ToList(),
            next_cursor = "",
        },
        _ => new { errcode = 48002, errmsg = "api forbidden (not stubbed)" },
    };

    private object ExternalContact(string externalUserId)
    {
        if (!externalUserId.StartsWith("wm", StringComparison.Ordinal))
        {
            return new { errcode = 40096, errmsg = "invalid external userid" };
        }

        var contact = new JsonObject { ["external_userid"] = externalUserId, ["name"] = $"客户{externalUserId[^4..]}", ["type"] = 1, ["gender"] = 2 };
        if (UnionIds.TryGetValue(externalUserId, out var unionId))
        {
            contact["unionid"] = unionId;
        }

        return new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["external_contact"] = contact, ["follow_user"] = new JsonArray() }.ToJsonString();
    }

    private object UserInfo(string code) =>
        UserIdsByCode.TryGetValue(code, out var userId) ? new { errcode = 0, errmsg = "ok", userid = userId }
        : OpenIdCodes.TryGetValue(code, out var openId) ? new { errcode = 0, errmsg = "ok", openid = openId }
        : new { errcode = 40029, errmsg = "invalid code" };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the gateway made to the stub.</summary>
public sealed record StubCall(string Api, IReadOnlyDictionary<string, string> Query, JsonNode? Body);
