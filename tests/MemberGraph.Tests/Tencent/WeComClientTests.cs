using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Tencent;

/// <summary>The typed WeCom client against the stub over real HTTP: token caching and refresh, errcodes, network failures.</summary>
public sealed class WeComClientTests : IAsyncLifetime
{
    private WeComTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WeComTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_access_token_is_fetched_once_and_shared_by_concurrent_calls()
    {
        var client = _host.Gateway.Service<WeComClient>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.GetExternalContactAsync($"wmcustomer{i:0000}", CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, _host.Stub.Calls("gettoken"));
        Assert.Equal(8, _host.Stub.Calls("externalcontact/get"));
        var gettoken = Assert.Single(_host.Stub.CallsTo("gettoken"));
        Assert.Equal((WeComTestHost.CorpId, "test-agent-secret"), (gettoken.Query["corpid"], gettoken.Query["corpsecret"]));
    }

    [Fact]
    public async Task The_access_token_is_fetched_again_shortly_before_it_expires()
    {
        // given: tokens that live 2 s (refreshed after half their life at the latest)
        _host.Stub.TokenLifetimeSeconds = 2;
        var client = _host.Gateway.Service<WeComClient>();
        Assert.True((await client.GetExternalContactAsync("wmcustomer0001", CancellationToken.None)).Succeeded);
        Assert.True((await client.GetExternalContactAsync("wmcustomer0002", CancellationToken.None)).Succeeded);

        // when
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.True((await client.GetExternalContactAsync("wmcustomer0003", CancellationToken.None)).Succeeded);

        // then: no call was refused for a stale token; the token was simply renewed in time
        Assert.Equal(2, _host.Stub.Calls("gettoken"));
        Assert.Equal(3, _host.Stub.Calls("externalcontact/get"));
    }

    [Fact]
    public async Task A_stale_token_is_replaced_once_and_the_call_repeated()
    {
        var client = _host.Gateway.Service<WeComClient>();
        Assert.True((await client.GetExternalContactAsync("wmcustomer0001", CancellationToken.None)).Succeeded);

        _host.Stub.ExpireToken();
        var result = await client.GetExternalContactAsync("wmcustomer0002", CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(2, _host.Stub.Calls("gettoken"));
        Assert.Equal(3, _host.Stub.Calls("externalcontact/get"));
    }

    [Fact]
    public async Task A_token_refused_twice_is_not_retried_forever()
    {
        var client = _host.Gateway.Service<WeComClient>();
        _host.Stub.On("externalcontact/get", _ => new { errcode = 40014, errmsg = "invalid access_token" });

        var result = await client.GetExternalContactAsync("wmcustomer0001", CancellationToken.None);

        Assert.Equal((WeComFailureKind.Rejected, 40014), (result.Failure!.Kind, result.Failure.ErrCode));
        Assert.Equal(2, _host.Stub.Calls("externalcontact/get"));
    }

    [Fact]
    public async Task Errcodes_are_failures_with_the_code_and_http_trouble_is_unavailable_never_an_exception()
    {
        var client = _host.Gateway.Service<WeComClient>();

        var invalid = await client.GetExternalContactAsync("not-an-external-id", CancellationToken.None);
        _host.Stub.On("externalcontact/get", _ => null);
        var badGateway = await client.GetExternalContactAsync("wmcustomer0001", CancellationToken.None);
        _host.Stub.On("externalcontact/get", _ => "this is not json");
        var notJson = await client.GetExternalContactAsync("wmcustomer0001", CancellationToken.None);

        Assert.Equal((WeComFailureKind.Rejected, WeComErrCodes.InvalidExternalUserId), (invalid.Failure!.Kind, invalid.Failure.ErrCode));
        Assert.Equal(WeComFailureKind.Unavailable, badGateway.Failure!.Kind);
        Assert.Equal(WeComFailureKind.Unavailable, notJson.Failure!.Kind);
    }

    [Fact]
    public async Task An_unreachable_wecom_is_unavailable()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["WeCom:BaseUrl"] = "http://127.0.0.1:9", ["WeCom:CorpId"] = "ww" });

        var result = await gateway.Service<WeComClient>().GetUserInfoAsync("code", CancellationToken.None);

        Assert.Equal(WeComFailureKind.Unavailable, result.Failure!.Kind);
    }
}
