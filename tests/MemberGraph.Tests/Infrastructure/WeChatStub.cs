using System.Collections.Concurrent;
using MemberGraph.Tencent.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// The gateway's own <see cref="WeChatSandbox"/> (api.weixin.qq.com's JSON and errcodes) hosted on a free loopback port,
/// with what tests need on top: codes mapped to users and phones, forced errcodes, a slow answer, call counts. Codes
/// handed out here are single-use like the real ones (40163 on reuse).
/// </summary>
public sealed class WeChatStub : IAsyncDisposable
{
    public const string AppId = "wx-stub-appid";
    public const string AppSecret = "stub-secret-never-logged";
    public const string SessionKeyPrefix = "stub-session-key-";

    public const string Code2Session = "jscode2session";
    public const string StableToken = "stable_token";
    public const string PhoneNumber = "getuserphonenumber";
    public const string SubscribeSend = "send";

    private readonly WebApplication _app;
    private readonly WeChatSandbox _sandbox = new(AppId, AppSecret, "stub", TimeProvider.System);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _forced = new();
    private readonly ConcurrentDictionary<string, int> _always = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();

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
        app.Map("/{**api}", http => SandboxHttp.HandleAsync(http, http.GetRouteValue("api") as string ?? "", stub.AnswerAsync));
        await app.StartAsync();
        stub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return stub;
    }

    /// <summary>A wx.login code that signs in as <paramref name="openId"/>.</summary>
    public string LoginCode(string openId, string? unionId = null)
    {
        var code = $"login-{Guid.NewGuid():N}";
        _sandbox.RegisterLoginCode(code, openId, unionId);
        return code;
    }

    /// <summary>A getPhoneNumber code that yields <paramref name="phone"/>.</summary>
    public string PhoneCode(string phone)
    {
        var code = $"phone-{Guid.NewGuid():N}";
        _sandbox.RegisterPhoneCode(code, phone);
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
    public void InvalidateAccessTokens() => _sandbox.InvalidateAccessTokens();

    public int Calls(string api) => _calls.GetValueOrDefault(api);

    /// <summary>The subscribe messages the stub accepted (<c>message/subscribe/send</c>), in order.</summary>
    public IReadOnlyList<SandboxSubscribeMessage> SubscribeMessages => _sandbox.SubscribeMessages;

    /// <summary>Counts the call (by the last segment of its path), waits <see cref="Delay"/>, answers a forced errcode or the sandbox's answer.</summary>
    private async ValueTask<SandboxReply> AnswerAsync(SandboxCall call, CancellationToken cancellationToken)
    {
        var api = call.Api[(call.Api.LastIndexOf('/') + 1)..];
        _calls.AddOrUpdate(api, 1, (_, n) => n + 1);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (_forced.TryGetValue(api, out var queue) && queue.TryDequeue(out var errcode))
        {
            return _sandbox.Error(errcode, "forced by the test");
        }

        return _always.TryGetValue(api, out var always) ? _sandbox.Error(always, "forced by the test") : _sandbox.Answer(call);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
