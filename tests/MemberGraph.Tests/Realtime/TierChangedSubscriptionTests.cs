using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Realtime;

/// <summary>
/// tierChanged over a real WebSocket: a member hears their own level change — the upgrade an order brings at once and
/// the drop the recompute brings after a refund — and nobody else's. Levels: 银卡 from 1,000.00 (the default ladder).
/// </summary>
public sealed class TierChangedSubscriptionTests : IAsyncLifetime
{
    private const string TierChanged = "subscription { tierChanged { fromLevel toLevel name occurredAt } }";
    private const string Recompute = "mutation($input: RecomputeTiersInput!) { recomputeTiers(input: $input) { changed errors { code } } }";

    private GatewayHost _gateway = null!;
    private TestData _data = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _data = new TestData(_gateway);
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_member_hears_the_upgrade_an_order_brings_and_the_drop_the_recompute_brings_and_not_another_members()
    {
        // given: two members listening
        var (card, otherCard) = ($"CARD-{TestData.Next()}", $"CARD-{TestData.Next()}");
        var member = await _data.MemberAsync(identities: (IdentityChannel.PosCard, card));
        var other = await _data.MemberAsync(identities: (IdentityChannel.PosCard, otherCard));
        await using var mine = await ConnectAsync(_data.MemberToken(member.Id));
        await using var theirs = await ConnectAsync(_data.MemberToken(other.Id));
        await mine.SubscribeListeningAsync("t", TierChanged);
        await theirs.SubscribeListeningAsync("t", TierChanged);

        // when: 1,500.00 reaches 银卡; a refund of 1,000.00 leaves 500.00, which the recompute takes back to 普通;
        // the other member's 900.00 changes nothing, their next 200.00 reaches 银卡
        var order = await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", card, 150_000));
        await _api.RefundOkAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = $"RF-{TestData.Next()}", amountCents = 100_000 });
        var recomputed = await _gateway.GraphQLAsync(Recompute, new { input = new { } }, _data.AdminToken());
        await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", otherCard, 90_000));
        await _api.RecordOkAsync(LoyaltyApi.Order($"POS-{TestData.Next()}", otherCard, 20_000));

        // then
        Assert.Equal(1, recomputed.OkData()["recomputeTiers"]!["changed"]!.GetValue<int>());
        Assert.Equal((0, 1, "银卡"), Change((await mine.NextDataAsync("t"))["tierChanged"]!));
        Assert.Equal((1, 0, "普通"), Change((await mine.NextDataAsync("t"))["tierChanged"]!));
        var theirUpgrade = (await theirs.NextDataAsync("t"))["tierChanged"]!;
        Assert.Equal((0, 1, "银卡"), Change(theirUpgrade));
        Assert.EndsWith("Z", theirUpgrade["occurredAt"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("guide", "AUTH_NOT_AUTHORIZED")]
    [InlineData("staff", "AUTH_NOT_AUTHORIZED")]
    [InlineData(null, "AUTH_NOT_AUTHENTICATED")]
    public async Task Only_a_member_subscribes_to_their_own_tier(string? role, string code)
    {
        // given
        var store = await _data.StoreAsync();
        var token = role switch
        {
            "guide" => _data.GuideToken(await _data.GuideAsync(store.Id)),
            "staff" => _data.StaffToken(store.Id),
            _ => null,
        };
        await using var client = await ConnectAsync(token);

        // when
        await client.SubscribeAsync("s", TierChanged);

        // then
        var error = await client.ReceiveAsync();
        Assert.Equal(("error", "s"), (error!["type"]!.GetValue<string>(), error["id"]!.GetValue<string>()));
        Assert.Equal(code, error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private static (int From, int To, string Name) Change(System.Text.Json.Nodes.JsonNode changed) =>
        (changed["fromLevel"]!.GetValue<int>(), changed["toLevel"]!.GetValue<int>(), changed["name"]!.GetValue<string>());

    private async Task<GraphQLWebSocketClient> ConnectAsync(string? token)
    {
        var client = await GraphQLWebSocketClient.ConnectAsync(_gateway);
        await client.InitAsync(token);
        return client;
    }
}
