using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A local stand-in for api.weixin.qq.com on a free loopback port, speaking the same JSON: <c>sns/jscode2session</c>,
/// <c>cgi-bin/stable_token</c>, <c>wxa/business/getuserphonenumber</c>. Tests map codes to users and phones, force
/// errcodes, slow it down and count calls. Codes are single-use like the real ones (40163 on reuse).
/// </summary>
public sealed class WeChatStub : IAsyncDisposable
{
    public const string AppId = "wx-stub-appid";
    public const string AppSecret = "stub-secret-never-logged";
    public const string SessionKeyPrefix = "stub-session-key-";

    public const string Code2Session = "jscode2session";
    public const string StableToken = "stable_token";
    public const string PhoneNumber = "getuserphonenumber";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string OpenId, string? UnionId)> _sessions = new();
    private readonly ConcurrentDictionary<string, string> _phones = new();
    private readonly ConcurrentDictionary<string, byte> _usedCodes = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _forced = new();
    private readonly ConcurrentDictionary<string, int> _always = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentDictionary<string, byte> _validTokens = new();
    private int _tokenSequence;

    private WeChatStub(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Answer time of every API (to provoke timeouts).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The settings a gateway needs to talk to this stub.</summary>
    public Dictionary<string, string?> Settings(TimeSpan? timeout = null) => new()
    {
        ["WeChat:BaseUrl"] = BaseUrl,
        ["WeChat:AppId"] = AppId,
        ["WeChat:AppSecret"] = AppSecret,
        ["WeChat:RetryDelay"] = "00:00:00.010",
        ["WeChat:Timeout"] = (timeout ?? TimeSpan.FromSeconds(5)).ToString("c"),
    };

    public static async Task<WeChatStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new WeChatStub(app);
        app.MapGet("/sns/jscode2session", Handle(stub.Code2SessionAsync));
        app.MapPost("/cgi-bin/stable_token", Handle(stub.StableTokenAsync));
        app.MapPost("/wxa/business/getuserphonenumber", Handle(stub.PhoneNumberAsync));
        await app.StartAsync();
        stub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return stub;
    }

    private static RequestDelegate Handle(Func<HttpContext, Task<IResult>> api) =>
        async http => await (await api(http)).ExecuteAsync(http);

    /// <summary>A wx.login code that signs in as <paramref name="openId"/>.</summary>
    public string LoginCode(string openId, string? unionId = null)
    {
        var code = $"login-{Guid.NewGuid():N}";
        _sessions[code] = (openId, unionId);
        return code;
    }

    /// <summary>A getPhoneNumber code that yields <paramref name="phone"/>.</summary>
    public string PhoneCode(string phone)
    {
        var code = $"phone-{Guid.NewGuid():N}";
        _phones[code] = phone;
        return code;
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="api"/> answer <paramref name="errcode"/>.</summary>
    public void FailNext(string api, int errcode, int times = 1)
    {
        var queue = _forced.GetOrAdd(api, _ => new());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(errcode);
        }
    }

    /// <summary>Every call of <paramref name="api"/> answers <paramref name="errcode"/>.</summary>
    public void AlwaysFail(string api, int errcode) => _always[api] = errcode;

    /// <summary>Every access token issued so far stops working (as after a force refresh elsewhere).</summary>
    public void InvalidateAccessTokens() => _validTokens.Clear();

    public int Calls(string api) => _calls.GetValueOrDefault(api);

    private async Task<IResult> Code2SessionAsync(HttpContext http)
    {
        if (await Begin(Code2Session, http) is { } forced)
        {
            return forced;
        }

        var q = http.Request.Query;
        if (q["appid"] != AppId || q["secret"] != AppSecret)
        {
            return Error(40013, "invalid appid");
        }

        if (q["grant_type"] != "authorization_code")
        {
            return Error(40002, "invalid grant_type");
        }

        var code = q["js_code"].ToString();
        if (!_sessions.TryGetValue(code, out var user))
        {
            return Error(40029, "invalid code");
        }

        if (!_usedCodes.TryAdd(code, 0))
        {
            return Error(40163, "code been used");
        }

        // Like the platform: no errcode on success, unionid only when there is one.
        return user.UnionId is null
            ? Results.Json(new { session_key = SessionKeyPrefix + code, openid = user.OpenId })
            : Results.Json(new { session_key = SessionKeyPrefix + code, openid = user.OpenId, unionid = user.UnionId });
    }

    private async Task<IResult> StableTokenAsync(HttpContext http)
    {
        if (await Begin(StableToken, http) is { } forced)
        {
            return forced;
        }

        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        if (body.GetProperty("grant_type").GetString() != "client_credential"
            || body.GetProperty("appid").GetString() != AppId
            || body.GetProperty("secret").GetString() != AppSecret)
        {
            return Error(40125, "invalid appsecret");
        }

        var token = $"stub-access-token-{Interlocked.Increment(ref _tokenSequence)}";
        _validTokens[token] = 0;
        return Results.Json(new { access_token = token, expires_in = 7200 });
    }

    private async Task<IResult> PhoneNumberAsync(HttpContext http)
    {
        if (await Begin(PhoneNumber, http) is { } forced)
        {
            return forced;
        }

        if (!_validTokens.ContainsKey(http.Request.Query["access_token"].ToString()))
        {
            return Error(40001, "invalid credential, access_token is invalid or not latest");
        }

        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        var code = body.GetProperty("code").GetString() ?? "";
        if (!_phones.TryGetValue(code, out var phone))
        {
            return Error(40029, "invalid code");
        }

        if (!_usedCodes.TryAdd(code, 0))
        {
            return Error(40163, "code been used");
        }

        return Results.Json(new
        {
            errcode = 0,
            errmsg = "ok",
            phone_info = new
            {
                phoneNumber = "+86" + phone,
                purePhoneNumber = phone,
                countryCode = 86,
                watermark = new { timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), appid = AppId },
            },
        });
    }

    /// <summary>Counts the call, waits <see cref="Delay"/>, and answers a forced errcode when one is programmed.</summary>
    private async Task<IResult?> Begin(string api, HttpContext http)
    {
        _calls.AddOrUpdate(api, 1, (_, n) => n + 1);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, http.RequestAborted);
        }

        if (_forced.TryGetValue(api, out var queue) && queue.TryDequeue(out var errcode))
        {
            return Error(errcode, "forced by the test");
        }

        return _always.TryGetValue(api, out var always) ? Error(always, "forced by the test") : null;
    }

    private static IResult Error(int errcode, string errmsg) => Results.Json(new { errcode, errmsg = $"{errmsg} rid: stub" });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
