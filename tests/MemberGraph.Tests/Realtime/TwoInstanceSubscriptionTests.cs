using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Realtime;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Realtime;

/// <summary>
/// Two gateway instances behind one real redis-server and one SQLite file, as behind a load balancer: a change
/// made through instance A reaches a WebSocket subscriber on instance B; with Redis down everything keeps working
/// on each instance alone, and cross-instance delivery resumes when Redis returns, without a restart.
/// </summary>
public sealed class TwoInstanceSubscriptionTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "membergraph-tests", Guid.NewGuid().ToString("N"));
    private RedisServer _redis = null!;
    private GatewayHost _a = null!;
    private GatewayHost _b = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_folder, "shared.db")}",
        };
        _a = await GatewayHost.StartAsync(settings);
        _b = await GatewayHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task An_order_recorded_on_instance_A_reaches_the_member_and_the_guide_subscribed_on_instance_B_once()
    {
        // given: the member and the guide of the order are connected to B
        var (member, card) = await MemberWithCardAsync();
        var data = new TestData(_a);
        var guide = await data.GuideAsync((await data.StoreAsync()).Id);
        await using var memberOnB = await ConnectAsync(_b, new TestData(_b).MemberToken(member.Id));
        await using var guideOnB = await ConnectAsync(_b, new TestData(_b).GuideToken(guide));
        await memberOnB.SubscribeListeningAsync("p", Subscriptions.PointsChanged);
        await guideOnB.SubscribeListeningAsync("c", Subscriptions.CommissionUpdated);
        var api = new LoyaltyApi(_a);

        // when: two orders on A, the first with the guide's code
        var withCode = LoyaltyApi.Order($"POS-{TestData.Next()}", card, 6_600);
        withCode["guideCode"] = guide.GuideCode;
        var first = await api.RecordOkAsync(withCode);
        var second = await api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 1_100));

        // then: the member hears each order once, in order; the guide hears the commission of the first
        Assert.Equal(first["id"]!.GetValue<string>(), SourceOf(await memberOnB.NextDataAsync("p")));
        var next = await memberOnB.NextDataAsync("p");
        Assert.Equal(second["id"]!.GetValue<string>(), SourceOf(next));
        Assert.Equal(66L + 11L, next["pointsChanged"]!["pending"]!.GetValue<long>());
        var commission = (await guideOnB.NextDataAsync("c"))["commissionUpdated"]!;
        Assert.Equal((first["id"]!.GetValue<string>(), 198L, 198L),
            (commission["orderId"]!.GetValue<string>(), commission["commissionDeltaCents"]!.GetValue<long>(), commission["totals"]!["pending"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_guide_connected_to_instance_B_hears_a_customer_bound_through_instance_A()
    {
        // given
        var data = new TestData(_a);
        var guide = await data.GuideAsync((await data.StoreAsync()).Id);
        var member = await data.MemberAsync();
        await using var onB = await ConnectAsync(_b, new TestData(_b).GuideToken(guide));
        await onB.SubscribeListeningAsync("b", Subscriptions.CustomerBound);

        // when
        var bound = await _a.GraphQLAsync("mutation($input: BindGuideInput!) { bindGuide(input: $input) { errors { code } } }",
            new { input = new { guideCode = guide.GuideCode, source = "SHARE_LINK" } }, data.MemberToken(member.Id));

        // then
        Assert.Empty(bound.OkData()["bindGuide"]!["errors"]!.AsArray());
        var data2 = (await onB.NextDataAsync("b"))["customerBound"]!;
        Assert.Equal(GlobalId.Encode("Member", member.Id), data2["member"]!["id"]!.GetValue<string>());
        Assert.Equal("SHARE_LINK", data2["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_Redis_down_each_instance_serves_and_its_own_subscribers_hear_its_events_and_the_others_hear_them_when_Redis_returns()
    {
        // given: the member subscribed on both instances
        var (member, card) = await MemberWithCardAsync();
        var token = new TestData(_a).MemberToken(member.Id);
        await using var onA = await ConnectAsync(_a, token);
        await using var onB = await ConnectAsync(_b, token);
        await onA.SubscribeListeningAsync("p", Subscriptions.PointsChanged);
        await onB.SubscribeListeningAsync("p", Subscriptions.PointsChanged);
        var api = new LoyaltyApi(_a);
        var heardOnB = onB.NextDataAsync("p", TimeSpan.FromSeconds(60));

        // when Redis goes down
        await _redis.StopAsync();
        await EventuallyAsync(() => !_a.Service<RedisConnection>().Multiplexer.IsConnected && !_b.Service<RedisConnection>().Multiplexer.IsConnected);
        var duringOutage = await api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 2_000));

        // then: the mutation worked, A's subscriber heard it, queries work on both, both report degraded
        Assert.Equal(duringOutage["id"]!.GetValue<string>(), SourceOf(await onA.NextDataAsync("p")));
        Assert.Equal(20L, (await _b.GraphQLAsync("{ me { points { pending } } }", token: token)).OkData()["me"]!["points"]!["pending"]!.GetValue<long>());
        Assert.Equal("Degraded", await _a.Http.GetStringAsync("/readyz"));
        Assert.Equal("Degraded", await _b.Http.GetStringAsync("/readyz"));
        Assert.Contains(_a.Logs.Lines, line => line.Contains("Redis unavailable", StringComparison.Ordinal));

        // when Redis is back (same gateways, no restart)
        await _redis.StartAgainAsync();
        await EventuallyAsync(() => _a.Service<RedisConnection>().Multiplexer.IsConnected && _b.Service<RedisConnection>().Multiplexer.IsConnected, seconds: 20);

        // then: B's subscriber hears the order recorded during the outage, late, and then live orders again
        Assert.Equal(duringOutage["id"]!.GetValue<string>(), SourceOf(await heardOnB));
        var afterOutage = await api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 1_000));
        Assert.Equal(afterOutage["id"]!.GetValue<string>(), SourceOf(await onB.NextDataAsync("p", TimeSpan.FromSeconds(20))));
        Assert.Equal("Healthy", await _a.Http.GetStringAsync("/readyz"));
        Assert.Equal("Healthy", await _b.Http.GetStringAsync("/readyz"));
    }

    private async Task<(Member Member, string Card)> MemberWithCardAsync()
    {
        var card = $"CARD-{TestData.Next()}";
        return (await new TestData(_a).MemberAsync(identities: (IdentityChannel.PosCard, card)), card);
    }

    private static string SourceOf(JsonNode data) => data["pointsChanged"]!["entry"]!["source"]!["id"]!.GetValue<string>();

    private static async Task<GraphQLWebSocketClient> ConnectAsync(GatewayHost gateway, string token)
    {
        var client = await GraphQLWebSocketClient.ConnectAsync(gateway);
        await client.InitAsync(token);
        return client;
    }

    private static async Task EventuallyAsync(Func<bool> condition, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Condition not met within {seconds} s.");
            await Task.Delay(50);
        }
    }
}
