using System.Net.WebSockets;
using MemberGraph.Auth;
using Microsoft.Extensions.Options;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Realtime;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// The graphql-transport-ws protocol at /graphql: messages, auth at connection_init, and every close code. One gateway for
/// the class (each test opens its own sockets); tests of a timeout or limit, and the one that stops its gateway, start their own.
/// </summary>
public sealed class GraphQLWebSocketProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayHost _gateway = fixture.Gateway;

    [Fact]
    public async Task A_query_over_the_socket_answers_next_then_complete_for_the_token_of_connection_init()
    {
        // given
        var member = await new TestData(_gateway).MemberAsync(phone: "13900001111");
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync(new TestData(_gateway).MemberToken(member.Id));

        // when
        await client.SubscribeAsync("q1", "{ me { phone } }");

        // then
        var next = await client.ReceiveAsync();
        Assert.Equal("next", next!["type"]!.GetValue<string>());
        Assert.Equal("q1", next["id"]!.GetValue<string>());
        Assert.Equal("13900001111", next["payload"]!["data"]!["me"]!["phone"]!.GetValue<string>());
        var complete = await client.ReceiveAsync();
        Assert.Equal("complete", complete!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_document_that_fails_validation_answers_an_error_message_with_codes()
    {
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync();

        await client.SubscribeAsync("bad", "{ me { id } }");

        var error = await client.ReceiveAsync();
        Assert.Equal("error", error!["type"]!.GetValue<string>());
        Assert.Equal("bad", error["id"]!.GetValue<string>());
        Assert.Equal("AUTH_NOT_AUTHENTICATED", error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync();

        await client.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (await client.ReceiveAsync())!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_json_closes_with_4400()
    {
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync();

        await client.SendRawAsync("{not json");

        Assert.Equal(4400, await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_subscribe_without_an_id_closes_with_4400()
    {
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync();

        await client.SendAsync(new { type = "subscribe", payload = new { query = "{ __typename }" } });

        Assert.Equal(4400, await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task Subscribe_before_connection_ack_closes_with_4401()
    {
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);

        await client.SubscribeAsync("early", "{ __typename }");

        Assert.Equal(4401, await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task An_invalid_token_in_connection_init_closes_with_4403()
    {
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);

        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer not-a-token" } });

        Assert.Equal(4403, await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_subscription_ends_when_the_token_it_was_opened_with_expires_closing_with_4403()
    {
        // given: a member listening with a token that lives a few more seconds (its exp claim has whole seconds)
        var member = await new TestData(_gateway).MemberAsync();
        var issued = new TokenIssuer(_gateway.Service<SigningKey>(), _gateway.Service<IOptions<AuthOptions>>(), TimeProvider.System)
            .Issue(new TokenSubject(Roles.Member, MemberId: member.Id), TimeSpan.FromSeconds(4));
        var expires = DateTimeOffset.FromUnixTimeSeconds(issued.ExpiresAt.ToUnixTimeSeconds());
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync(issued.Token);
        await client.SubscribeListeningAsync("p", Subscriptions.PointsChanged);
        Assert.True(DateTimeOffset.UtcNow < expires, "the test machine took the token's whole life to subscribe");

        // when / then: the server closes the socket once the token has expired, not before
        Assert.Equal(4403, await client.WaitForCloseAsync());
        var closedAt = DateTimeOffset.UtcNow;
        Assert.True(closedAt >= expires, $"closed at {closedAt:O}, before the token expired at {expires:O}");
    }

    [Fact]
    public async Task No_connection_init_in_time_closes_with_4408()
    {
        // A gateway of its own with a short timeout, so the other tests are not raced by it under load.
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["GraphQL:WebSockets:ConnectionInitTimeout"] = "00:00:00.300" });
        await using var client = await GraphQLWebSocketClient.ConnectAsync(gateway);

        Assert.Equal(4408, await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync();

        await client.SendAsync(new { type = "connection_init" });

        Assert.Equal(4429, await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_client_without_the_subprotocol_is_closed_with_4406()
    {
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway, subprotocol: null);

        Assert.Equal(4406, await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task Subscribing_again_with_the_id_of_an_open_subscription_closes_with_4409()
    {
        // given
        var member = await new TestData(_gateway).MemberAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync(new TestData(_gateway).MemberToken(member.Id));
        await client.SubscribeListeningAsync("same", Subscriptions.PointsChanged);

        // when
        await client.SubscribeAsync("same", Subscriptions.PointsChanged);

        // then
        Assert.Equal(4409, await client.WaitForCloseAsync());
        Assert.Equal("Subscriber for same already exists", client.CloseReason);
    }

    [Fact]
    public async Task An_id_may_be_used_again_once_its_operation_completed()
    {
        // given: a query over the socket finished with complete
        await using var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync();
        await client.SubscribeAsync("q", "{ __typename }");
        await client.NextDataAsync("q");
        Assert.Equal("complete", (await client.ReceiveAsync())!["type"]!.GetValue<string>());

        // when
        await client.SubscribeAsync("q", "{ __typename }");

        // then
        Assert.Equal("Query", (await client.NextDataAsync("q"))["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscriptions_beyond_the_per_connection_limit_are_refused_and_the_connection_stays_open()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["GraphQL:WebSockets:MaxSubscriptionsPerConnection"] = "2" });
        var data = new TestData(gateway);
        var member = await data.MemberAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAsync(gateway);
        await client.InitAsync(data.MemberToken(member.Id));
        await client.SubscribeListeningAsync("one", Subscriptions.PointsChanged);
        await client.SubscribeListeningAsync("two", Subscriptions.PointsChanged);

        // when
        await client.SubscribeAsync("three", Subscriptions.PointsChanged);

        // then
        var error = await client.ReceiveAsync();
        Assert.Equal(("error", "three"), (error!["type"]!.GetValue<string>(), error["id"]!.GetValue<string>()));
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        await client.SendAsync(new { id = "one", type = "complete" });
        await client.SubscribeListeningAsync("three", Subscriptions.PointsChanged);
        await client.SubscribeAsync("four", Subscriptions.PointsChanged);
        Assert.Equal("four", (await client.ReceiveAsync())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stopping_the_gateway_closes_open_subscriptions_with_1001_going_away()
    {
        // given
        var gateway = await GatewayHost.StartAsync();
        var member = await new TestData(gateway).MemberAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAsync(gateway);
        await client.InitAsync(new TestData(gateway).MemberToken(member.Id));
        await client.SubscribeListeningAsync("p", Subscriptions.PointsChanged);
        var closed = client.WaitForCloseAsync(TimeSpan.FromSeconds(30));

        // when
        var stopping = gateway.DisposeAsync().AsTask();

        // then
        Assert.Equal((int)WebSocketCloseStatus.EndpointUnavailable, await closed);
        Assert.Equal("Server shutting down", client.CloseReason);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
