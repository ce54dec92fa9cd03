using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Realtime;

/// <summary>
/// The outside judge of the WebSocket transport: the real <c>graphql-ws</c> npm client (tests/interop) subscribes,
/// receives <c>next</c>, completes, and runs a query over the socket. One gateway for the class.
/// </summary>
public sealed class GraphQLWsInteropTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayHost _gateway = fixture.Gateway;

    private string SocketUrl => new UriBuilder(_gateway.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri.ToString();

    [Fact]
    public async Task The_graphql_ws_client_receives_pointsChanged_for_an_order_recorded_over_http_and_completes()
    {
        // given
        var data = new TestData(_gateway);
        var card = $"CARD-{TestData.Next()}";
        var member = await data.MemberAsync(identities: (IdentityChannel.PosCard, card));
        await using var script = NodeScript.Start("ws-subscribe.mjs", SocketUrl, data.MemberToken(member.Id), "1", "30000");
        var ready = await script.NextLineAsync();
        Assert.Equal("ready", ready["type"]!.GetValue<string>());
        Assert.Equal(GlobalId.Encode("Member", member.Id), ready["data"]!["me"]!["id"]!.GetValue<string>());

        // when
        var order = await new LoyaltyApi(_gateway).RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 8_800));

        // then
        var next = await script.NextLineAsync();
        Assert.Equal("next", next["type"]!.GetValue<string>());
        var points = next["payload"]!["data"]!["pointsChanged"]!;
        Assert.Equal(88L, points["pending"]!.GetValue<long>());
        Assert.Equal(order["id"]!.GetValue<string>(), points["entry"]!["source"]!["id"]!.GetValue<string>());
        Assert.Equal("done", (await script.NextLineAsync())["type"]!.GetValue<string>());
        Assert.Equal(0, await script.WaitForExitAsync());
    }

    [Fact]
    public async Task The_graphql_ws_client_runs_a_query_over_the_socket()
    {
        // given
        var data = new TestData(_gateway);
        var member = await data.MemberAsync(phone: "13900002222");

        // when
        await using var script = NodeScript.Start("ws-query.mjs", SocketUrl, data.MemberToken(member.Id), "{ me { phone points { balance } } }");

        // then
        var line = await script.NextLineAsync();
        Assert.Equal("result", line["type"]!.GetValue<string>());
        Assert.Equal("13900002222", line["result"]!["data"]!["me"]!["phone"]!.GetValue<string>());
        Assert.Equal(0L, line["result"]!["data"]!["me"]!["points"]!["balance"]!.GetValue<long>());
        Assert.Equal(0, await script.WaitForExitAsync());
    }

    [Fact]
    public async Task The_graphql_ws_client_reports_a_refused_subscription_as_an_error()
    {
        // given: a guide may not subscribe to a member's points
        var data = new TestData(_gateway);
        var guide = await data.GuideAsync((await data.StoreAsync()).Id);

        // when
        await using var script = NodeScript.Start("ws-subscribe.mjs", SocketUrl, data.GuideToken(guide), "1", "20000");

        // then
        var line = await script.NextLineAsync();
        Assert.Equal("error", line["type"]!.GetValue<string>());
        Assert.Equal("AUTH_NOT_AUTHORIZED", line["error"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(1, await script.WaitForExitAsync());
    }
}
