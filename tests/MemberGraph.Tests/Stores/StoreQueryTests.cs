using MemberGraph.GraphQL;
using MemberGraph.Stores;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Stores;

public sealed class StoreQueryTests : IAsyncLifetime
{
    private const string Near = """
        query($near: GeoPointInput, $first: Int, $after: String) {
          stores(near: $near, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { node { id code distanceMeters location { latitude longitude } } }
          }
        }
        """;

    // People's Square, Shanghai.
    private static readonly object Here = new { latitude = 31.2304, longitude = 121.4737 };

    private GatewayHost _gateway = null!;
    private TestData _data = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _data = new TestData(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Stores_near_a_point_come_nearest_first_with_their_distance_even_before_sign_in()
    {
        // given: codes in the opposite order of distance, so ordering by code would fail the test
        var far = await _data.StoreAsync("A-FAR", 31.2304, 121.7737);      // ~28.5 km east
        var middle = await _data.StoreAsync("B-MIDDLE", 31.2754, 121.4737); // 0.045° north: ~5.0 km
        var near = await _data.StoreAsync("C-NEAR", 31.2394, 121.4737);    // 0.009° north: ~1.0 km
        var here = await _data.StoreAsync("D-HERE", 31.2304, 121.4737);

        // when
        var response = await _gateway.GraphQLAsync(Near, new { near = Here });

        // then
        var edges = response.OkData()["stores"]!["edges"]!.AsArray();
        Assert.Equal([here.Code, near.Code, middle.Code, far.Code], edges.Select(e => e!["node"]!["code"]!.GetValue<string>()));
        var distances = edges.Select(e => e!["node"]!["distanceMeters"]!.GetValue<int>()).ToList();
        Assert.Equal(0, distances[0]);
        Assert.InRange(distances[1], 999, 1003);    // 0.009° of latitude = 1000.8 m
        Assert.InRange(distances[2], 5002, 5006);   // 0.045° of latitude = 5003.8 m
        Assert.InRange(distances[3], 28_400, 28_600);
        Assert.Equal(4, response.OkData()["stores"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_a_point_stores_are_ordered_by_code_and_have_no_distance()
    {
        // given
        await _data.StoreAsync("S-200");
        await _data.StoreAsync("S-100");
        await _data.StoreAsync("S-300");

        // when
        var response = await _gateway.GraphQLAsync(Near, null, _data.AdminToken());

        // then
        var nodes = response.OkData()["stores"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.Equal(["S-100", "S-200", "S-300"], nodes.Select(n => n["code"]!.GetValue<string>()));
        Assert.All(nodes, n => Assert.Null(n["distanceMeters"]));
    }

    [Fact]
    public async Task Pages_of_nearest_stores_continue_where_the_last_one_ended()
    {
        // given: five stores one after another going north
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await _data.StoreAsync($"N{i}", 31.2304 + i * 0.01, 121.4737)).Code);
        }

        // when
        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var stores = (await _gateway.GraphQLAsync(Near, new { near = Here, first = 2, after })).OkData()["stores"]!;
            seen.AddRange(stores["edges"]!.AsArray().Select(e => e!["node"]!["code"]!.GetValue<string>()));
            Assert.Equal(page < 2, stores["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            after = stores["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        // then
        Assert.Equal(codes, seen);
    }

    [Fact]
    public async Task A_point_off_the_globe_is_bad_input()
    {
        var response = await _gateway.GraphQLAsync(Near, new { near = new { latitude = 91.0, longitude = 0.0 } });

        Assert.Equal(ErrorCodes.BadUserInput, response.FirstErrorCode);
    }

    [Fact]
    public void Haversine_matches_a_known_distance()
    {
        // Shanghai People's Square to Beijing Tiananmen: about 1067 km great-circle.
        var shanghai = new GeoPoint { Latitude = 31.2304, Longitude = 121.4737 };

        var meters = shanghai.DistanceMetersTo(39.9087, 116.3975);

        Assert.InRange(meters, 1_060_000, 1_075_000);
    }
}
