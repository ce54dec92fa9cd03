using System.Text.Json.Nodes;
using MemberGraph.Stores;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>
/// The scene rules through /graphql. Each test places its own store far from the others' (a gateway per test), and
/// the member about 1.1 km north of it; the store delivers within 3 km.
/// </summary>
public sealed class RecommendedCouponsTests : IAsyncLifetime
{
    private const string Query = """
        query ($context: RecommendationContextInput!) {
          recommendedCoupons(context: $context) {
            scene at
            nearestStore { distanceMeters withinDeliveryRadius store { id name } }
            items { reasonCode reason template { id kind } store { distanceMeters store { id } } }
          }
        }
        """;

    // 14:00 and 22:30 in China (UTC+8) on one day.
    private static readonly DateTime Afternoon = new(2026, 11, 24, 6, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime LateEvening = new(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc);

    private GatewayHost _gateway = null!;
    private CouponKit _kit = null!;
    private Store _store = null!;
    private string _inStore = "";
    private string _delivery = "";
    private string _o2o = "";
    private string _token = "";

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _kit = new CouponKit(_gateway);
        _store = await _kit.Data.StoreAsync(latitude: 31.2000, longitude: 121.4500, radius: 3000);
        _inStore = await _kit.TemplateAsync(t => { t["name"] = "满100减15"; t["kind"] = "IN_STORE"; });
        _delivery = await _kit.TemplateAsync(t => { t["name"] = "雨天外送券"; t["kind"] = "DELIVERY"; });
        _o2o = await _kit.TemplateAsync(t => { t["name"] = "30分钟达"; t["kind"] = "O2O"; });
        await _kit.TemplateAsync(t => { t["name"] = "合作商城"; t["kind"] = "PARTNER"; t["partnerId"] = MemberGraph.Domain.GlobalId.Encode("Partner", 1); });
        _token = _kit.Data.MemberToken((await _kit.Data.MemberAsync()).Id);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Rain_near_a_store_puts_delivery_and_O2O_first_and_says_why()
    {
        // when
        var result = await RecommendAsync(latitude: 31.2100, longitude: 121.4500, "RAIN", Afternoon);

        // then
        Assert.Equal("STAY_IN", result.Str("scene"));
        Assert.True(result["nearestStore"]!["withinDeliveryRadius"]!.GetValue<bool>());
        Assert.InRange(result["nearestStore"]!["distanceMeters"]!.GetValue<int>(), 1050, 1180);
        var items = result["items"]!.AsArray();
        Assert.Equal([_o2o, _delivery, _inStore], items.Select(i => i!["template"]!.Str("id")));
        Assert.Equal("BAD_WEATHER_DELIVERY", items[0]!.Str("reasonCode"));
        Assert.Contains("下雨天", items[0]!.Str("reason"));
        Assert.Contains(_store.Name, items[0]!.Str("reason"));
        Assert.Equal(CouponKit.StoreId(_store.Id), items[0]!["store"]!["store"]!.Str("id"));
        Assert.Equal("IN_STORE_NEARBY", items[2]!.Str("reasonCode"));
        Assert.DoesNotContain(items, i => i!["template"]!.Str("kind") == "PARTNER");
    }

    [Fact]
    public async Task Fine_weather_puts_in_store_first()
    {
        // when
        var result = await RecommendAsync(latitude: 31.2100, longitude: 121.4500, "SUNNY", Afternoon);

        // then
        Assert.Equal("GO_OUT", result.Str("scene"));
        var items = result["items"]!.AsArray();
        Assert.Equal(_inStore, items[0]!["template"]!.Str("id"));
        Assert.Equal("FINE_WEATHER_IN_STORE", items[0]!.Str("reasonCode"));
        Assert.Contains("天气不错", items[0]!.Str("reason"));
        Assert.Equal(["DELIVERY_NEARBY", "DELIVERY_NEARBY"], items.Skip(1).Select(i => i!.Str("reasonCode")));
    }

    [Fact]
    public async Task Late_evening_in_China_favours_delivery_even_in_fine_weather()
    {
        // when
        var result = await RecommendAsync(latitude: 31.2100, longitude: 121.4500, "SUNNY", LateEvening);

        // then
        Assert.Equal("STAY_IN", result.Str("scene"));
        var first = result["items"]![0]!;
        Assert.Equal("LATE_EVENING_DELIVERY", first.Str("reasonCode"));
        Assert.Contains("22:30", first.Str("reason"));
    }

    [Fact]
    public async Task Outside_the_delivery_radius_no_delivery_is_recommended_even_in_rain()
    {
        // when: about 5.5 km north of the store, which delivers within 3 km
        var result = await RecommendAsync(latitude: 31.2500, longitude: 121.4500, "RAIN", Afternoon);

        // then
        Assert.False(result["nearestStore"]!["withinDeliveryRadius"]!.GetValue<bool>());
        var items = result["items"]!.AsArray();
        Assert.Equal([_inStore], items.Select(i => i!["template"]!.Str("id")));
        Assert.Equal("IN_STORE_NEARBY", items[0]!.Str("reasonCode"));
    }

    [Fact]
    public async Task Templates_the_member_already_holds_to_the_limit_are_not_recommended()
    {
        // given
        var member = await _kit.Data.MemberAsync();
        await _kit.ClaimedAsync(_inStore, member.Id);

        // when
        var result = await RecommendAsync(latitude: 31.2100, longitude: 121.4500, "SUNNY", Afternoon, _kit.Data.MemberToken(member.Id));

        // then
        Assert.DoesNotContain(result["items"]!.AsArray(), i => i!["template"]!.Str("id") == _inStore);
    }

    [Fact]
    public async Task Far_from_every_store_there_is_nothing_to_recommend()
    {
        // when: Beijing
        var result = await RecommendAsync(latitude: 39.9042, longitude: 116.4074, "RAIN", Afternoon);

        // then
        Assert.Null(result["nearestStore"]);
        Assert.Empty(result["items"]!.AsArray());
    }

    private async Task<JsonNode> RecommendAsync(double latitude, double longitude, string weather, DateTime at, string? token = null) =>
        (await _gateway.GraphQLAsync(Query, new { context = new { location = new { latitude, longitude }, weather, at } }, token ?? _token))
        .OkData()["recommendedCoupons"]!;
}
