using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Members;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// The Production profile's rate limits, with small allowances (<see cref="ProductionGatewayFixture"/>): sign-ins by client
/// address, a signed-in caller's mutations by token subject (HTTP and WebSocket together), every request by address, token
/// requests by address; each refusal a 429 with <c>Retry-After</c> and
/// <c>RATE_LIMITED</c> (an OAuth error on /oauth/token). Each test is an address of its own.
/// </summary>
public sealed class RateLimitTests(ProductionGatewayFixture fixture) : IClassFixture<ProductionGatewayFixture>
{
    private const string BindPhone = "mutation { bindPhone(input: { phoneCode: \"not-a-code\" }) { errors { code } } }";
    private const string SignInWithWeCom = "mutation { signInWithWeCom(input: { code: \"any\" }) { token errors { code } } }";

    private static readonly IFormatProvider Invariant = System.Globalization.CultureInfo.InvariantCulture;
    private static readonly string WindowSeconds = ProductionGatewayFixture.Window.TotalSeconds.ToString(Invariant);

    private readonly GatewayHost _gateway = fixture.Gateway;

    [Fact]
    public async Task Sign_ins_from_one_address_beyond_the_limit_are_429_with_Retry_After_and_RATE_LIMITED()
    {
        // given: an address that signed in three members (the limit)
        using var client = new ClientFromAddress(_gateway, "127.0.2.1");
        for (var i = 0; i < ProductionGatewayFixture.SignInLimit; i++)
        {
            var signedIn = await SignInAsync(client);
            Assert.Equal(200, signedIn.Status);
            Assert.NotNull(signedIn.Json["data"]!["signInWithWeChat"]!["token"]);
        }

        var codesAsked = fixture.WeChat.Calls(WeChatStub.Code2Session);

        // when: a fourth member, a guide's WeCom sign-in from the same address, and a member from another address
        var refused = await SignInAsync(client);
        var weCom = await client.GraphQLAsync(SignInWithWeCom);
        using var elsewhere = new ClientFromAddress(_gateway, "127.0.2.2");
        var other = await SignInAsync(elsewhere);
        var weComElsewhere = await elsewhere.GraphQLAsync(SignInWithWeCom);

        // then: refused before WeChat heard of the code, with how long to wait in the header and in the error
        Assert.Equal(429, refused.Status);
        Assert.Equal(WindowSeconds, refused.RetryAfter); // a fixed window's length: waiting that long is always enough
        Assert.Equal("RATE_LIMITED", refused.FirstErrorCode);
        Assert.Equal(WindowSeconds, refused.Json["errors"]![0]!["extensions"]!["retryAfter"]!.GetValue<int>().ToString(Invariant));
        Assert.Null(refused.Json["data"]);
        Assert.Equal((429, "RATE_LIMITED"), (weCom.Status, weCom.FirstErrorCode));
        Assert.Equal(codesAsked + 1, fixture.WeChat.Calls(WeChatStub.Code2Session)); // the other address's sign-in only
        Assert.Equal(200, other.Status);
        Assert.NotNull(other.Json["data"]!["signInWithWeChat"]!["token"]);
        Assert.Equal(200, weComElsewhere.Status); // a 429 is no verdict on the document: it is not remembered as refused
    }

    [Fact]
    public async Task Mutations_by_one_subject_beyond_the_limit_are_429_while_other_subjects_and_its_queries_go_on()
    {
        // given: member A sent three mutations (the limit) from this address
        using var client = new ClientFromAddress(_gateway, "127.0.2.4");
        var memberA = _gateway.Token(new TokenSubject(Roles.Member, MemberId: 910_001));
        var memberB = _gateway.Token(new TokenSubject(Roles.Member, MemberId: 910_002));
        for (var i = 0; i < ProductionGatewayFixture.MutationLimit; i++)
        {
            Assert.Equal(200, (await client.GraphQLAsync(BindPhone, token: memberA)).Status);
        }

        // when
        var refused = await client.GraphQLAsync(BindPhone, token: memberA);
        var otherMember = await client.GraphQLAsync(BindPhone, token: memberB);
        var query = await client.GraphQLAsync("{ me { id } }", token: memberA);

        // then
        Assert.Equal((429, "RATE_LIMITED"), (refused.Status, refused.FirstErrorCode));
        Assert.Contains("mutations by this caller", refused.Json["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(WindowSeconds, refused.RetryAfter);
        Assert.Equal(200, otherMember.Status);
        Assert.Equal(200, query.Status);
    }

    [Fact]
    public async Task Over_the_WebSocket_mutations_share_the_subjects_allowance_and_a_refusal_is_an_error_message()
    {
        // given: member C sent two mutations over HTTP
        var memberC = _gateway.Token(new TokenSubject(Roles.Member, MemberId: 910_003));
        using var client = new ClientFromAddress(_gateway, "127.0.2.5");
        for (var i = 0; i < ProductionGatewayFixture.MutationLimit - 1; i++)
        {
            Assert.Equal(200, (await client.GraphQLAsync(BindPhone, token: memberC)).Status);
        }

        await using var socket = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await socket.InitAsync(memberC);

        // when: a third and a fourth over the WebSocket, then a query
        await socket.SubscribeAsync("third", BindPhone);
        var third = await socket.ReceiveAsync();
        await socket.SubscribeAsync("fourth", BindPhone);
        var fourth = await NextOfAsync(socket, "fourth");
        await socket.SubscribeAsync("query", "{ __typename }");
        var query = await NextOfAsync(socket, "query");

        // then
        Assert.Equal(("third", "next"), (third!["id"]!.GetValue<string>(), third["type"]!.GetValue<string>()));
        Assert.Equal("error", fourth["type"]!.GetValue<string>());
        var error = fourth["payload"]![0]!;
        Assert.Equal("RATE_LIMITED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(WindowSeconds, error["extensions"]!["retryAfter"]!.GetValue<int>().ToString(Invariant));
        Assert.Equal("next", query["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_from_one_address_beyond_the_limit_are_429_whatever_they_ask()
    {
        // given: an address that sent its allowance of queries
        using var client = new ClientFromAddress(_gateway, "127.0.2.6");
        for (var i = 0; i < ProductionGatewayFixture.RequestLimit; i++)
        {
            Assert.Equal(200, (await client.GraphQLAsync("{ __typename }")).Status);
        }

        // when
        var refused = await client.GraphQLAsync("{ __typename }");
        using var health = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/healthz"));

        // then: refused before the document is read; health checks are not counted
        Assert.Equal((429, "RATE_LIMITED"), (refused.Status, refused.FirstErrorCode));
        Assert.Contains("requests from this address", refused.Json["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(WindowSeconds, refused.RetryAfter);
        Assert.Equal(200, (int)health.StatusCode);
    }

    [Fact]
    public async Task Token_requests_from_one_address_beyond_the_limit_are_429_with_an_OAuth_error()
    {
        // given: three token requests with a wrong secret
        using var client = new ClientFromAddress(_gateway, "127.0.2.7");
        for (var i = 0; i < ProductionGatewayFixture.SignInLimit; i++)
        {
            Assert.Equal(401, (await TokenRequestAsync(client)).Status);
        }

        // when
        var refused = await TokenRequestAsync(client);

        // then: RFC 6749's error shape, with Retry-After, kept by no cache
        Assert.Equal(429, refused.Status);
        Assert.Equal("rate_limited", refused.Json["error"]!.GetValue<string>());
        Assert.Contains("retry after", refused.Json["error_description"]!.GetValue<string>());
        Assert.Equal(WindowSeconds, refused.RetryAfter);
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Channel_integrations_are_exempt()
    {
        // given: an ingestion token (the default of RateLimits:ExemptRoles)
        using var client = new ClientFromAddress(_gateway, "127.0.2.8");
        var ingestion = _gateway.Token(new TokenSubject(Roles.Ingestion));

        // when: more mutations than the per-subject and the per-address allowances together
        var statuses = new List<int>();
        for (var i = 0; i < ProductionGatewayFixture.RequestLimit + ProductionGatewayFixture.MutationLimit; i++)
        {
            statuses.Add((await client.GraphQLAsync("mutation { recordOrder { order { id } } }", token: ingestion)).Status);
        }

        // then: each refused by validation (no input), none by a rate limit
        Assert.All(statuses, status => Assert.Equal(400, status));
    }

    [Fact]
    public async Task Outside_Production_nothing_is_limited()
    {
        // given: a gateway in Development (RateLimits:Enabled is false but in the Production profile)
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["environment"] = "Development" });
        var member = gateway.Token(new TokenSubject(Roles.Member, MemberId: 910_004));

        // when: more sign-ins from one address and mutations by one member than Production would allow in a minute
        var statuses = new List<int>();
        for (var i = 0; i < 65; i++)
        {
            statuses.Add((await gateway.GraphQLAsync(SignInWithWeCom)).Status);
        }

        for (var i = 0; i < 125; i++)
        {
            statuses.Add((await gateway.GraphQLAsync(BindPhone, token: member)).Status);
        }

        // then
        Assert.DoesNotContain(429, statuses);
    }

    private async Task<ClientFromAddress.Answer> SignInAsync(ClientFromAddress client) =>
        await client.GraphQLAsync(SignInSteps.SignIn, new { code = fixture.WeChat.LoginCode(SignInSteps.NewId("oRate")) });

    private static async Task<ClientFromAddress.Answer> TokenRequestAsync(ClientFromAddress client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "no-such-partner",
                ["client_secret"] = "wrong",
            }),
        };
        using var response = await client.SendAsync(request);
        return await ClientFromAddress.Answer.ReadAsync(response);
    }

    private static async Task<JsonNode> NextOfAsync(GraphQLWebSocketClient socket, string id)
    {
        while (await socket.ReceiveAsync() is { } message)
        {
            if (message["id"]?.GetValue<string>() == id)
            {
                return message;
            }
        }

        throw new Xunit.Sdk.XunitException($"The connection closed before a message for {id}.");
    }
}
