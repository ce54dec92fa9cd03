using System.Collections.Concurrent;
using MemberGraph.Tencent.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// The gateway's own <see cref="WeComSandbox"/> (WeCom's JSON and errcodes, one valid access token at a time, 42001 for a
/// stale one) hosted on 127.0.0.1 (real Kestrel, port 0), with what tests need on top: programmable state, answers
/// overridden per API, and every call counted and kept so tests can assert on what the gateway sent.
/// </summary>
public sealed class WeComStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WeComSandbox _sandbox;
    private readonly ConcurrentQueue<SandboxCall> _calls = new();
    private readonly ConcurrentDictionary<string, Func<SandboxCall, object?>> _overrides = new();

    private WeComStub(WebApplication app)
    {
        _app = app;
        _sandbox = new WeComSandbox(new Contacts(UnionIds), "stub");
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>unionid returned by externalcontact/get, by external user id (none when absent).</summary>
    public ConcurrentDictionary<string, string> UnionIds { get; } = new();

    /// <summary>auth/getuserinfo: corp member userid by OAuth code; <see cref="OpenIdCodes"/> answer as non-members; other codes 40029.</summary>
    public ConcurrentDictionary<string, string> UserIdsByCode => _sandbox.UserIdsByCode;

    public ConcurrentDictionary<string, string> OpenIdCodes => _sandbox.OpenIdCodes;

    /// <summary>transfer_customer: a per-customer errcode for these external user ids (default 0).</summary>
    public ConcurrentDictionary<string, int> TransferErrCodes => _sandbox.TransferErrCodes;

    /// <summary>transfer_result: status (1 done, 2 waiting, 3 refused, 4 limit) by external user id; unlisted customers are not reported.</summary>
    public ConcurrentDictionary<string, int> TransferStatuses => _sandbox.TransferStatuses;

    /// <summary>gettoken's expires_in.</summary>
    public int TokenLifetimeSeconds
    {
        get => _sandbox.TokenLifetimeSeconds;
        set => _sandbox.TokenLifetimeSeconds = value;
    }

    public static async Task<WeComStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new WeComStub(app);
        app.Run(http => SandboxHttp.HandleAsync(http, http.Request.Path.Value ?? "", stub.AnswerAsync));
        await app.StartAsync();
        stub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return stub;
    }

    /// <summary>
    /// Answers <paramref name="api"/> (e.g. "externalcontact/get") with this JSON instead of the sandbox's: an object, a
    /// string sent as it is, or null for an HTTP 502.
    /// </summary>
    public void On(string api, Func<SandboxCall, object?> respond) => _overrides[api] = respond;

    public void Reset(string api) => _overrides.TryRemove(api, out _);

    /// <summary>Makes the current access token stale: the next call gets errcode 42001 until a new token is fetched.</summary>
    public void ExpireToken() => _sandbox.ExpireToken();

    public IReadOnlyList<SandboxCall> CallsTo(string api) => _calls.Where(c => c.Api == api).ToList();

    public int Calls(string api) => _calls.Count(c => c.Api == api);

    private ValueTask<SandboxReply> AnswerAsync(SandboxCall call, CancellationToken cancellationToken)
    {
        _calls.Enqueue(call);
        if (_overrides.TryGetValue(call.Api, out var respond))
        {
            return ValueTask.FromResult(respond(call) is { } answer ? SandboxReply.Of(answer) : SandboxReply.BadGateway);
        }

        return _sandbox.AnswerAsync(call, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The stub's contact directory: 客户 + the id's last four characters, and a unionid only where a test put one.</summary>
    private sealed class Contacts(ConcurrentDictionary<string, string> unionIds) : IWeComSandboxContacts
    {
        public Task<SandboxContact> FindAsync(string externalUserId, CancellationToken cancellationToken) =>
            Task.FromResult(SandboxContact.Unknown(externalUserId, unionIds.GetValueOrDefault(externalUserId)));
    }
}
