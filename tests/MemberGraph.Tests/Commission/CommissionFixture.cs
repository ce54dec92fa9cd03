using MemberGraph.Data;
using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Commission;

/// <summary>
/// One commission gateway shared by a test class; every test builds its own stores, guides and members in it. A class that
/// needs other commission settings for all its tests derives one and overrides <see cref="Settings"/>; a test that needs its
/// own clock or settings calls <see cref="StartAsync"/> for a gateway of its own.
/// </summary>
public class CommissionHost : IAsyncLifetime
{
    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>Settings on top of the live stream below; none by default.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>The engine the gateway runs on; SQLite unless a subclass says otherwise.</summary>
    protected virtual DatabaseKind Database => DatabaseKind.Sqlite;

    public async Task InitializeAsync() => Gateway = await StartAsync(Settings, database: Database);

    public async Task DisposeAsync() => await Gateway.DisposeAsync();

    /// <summary>A gateway with a live stream L-HOSTED configured to the guide code "GLIVEHOST" and the given commission settings.</summary>
    public static Task<GatewayHost> StartAsync(
        IDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, DatabaseKind database = DatabaseKind.Sqlite)
    {
        var config = new Dictionary<string, string?> { ["Commission:LiveStreams:L-HOSTED"] = "GLIVEHOST" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        return GatewayHost.StartAsync(config, services: services, database: database);
    }
}

/// <summary><see cref="CommissionHost"/> on PostgreSQL.</summary>
public sealed class PostgresCommissionHost : CommissionHost
{
    protected override DatabaseKind Database => DatabaseKind.Postgres;
}

/// <summary>Orders for attribution tests: recordOrder with guide code / share parameter, answering the attribution.</summary>
public static class AttributedOrders
{
    public const string RecordOrder = """
        mutation($input: RecordOrderInput!) {
          recordOrder(input: $input) { replayed order { id attributedGuideId attributionSource } errors { code message field } }
        }
        """;

    public static Dictionary<string, object?> Input(string buyer, long cents = 10_000, long? storeId = null, string? guideCode = null, string? shareParameter = null,
        object[]? lines = null, DateTime? paidAt = null, string channel = "POS")
    {
        var input = LoyaltyApi.Order($"ORD-{Guid.NewGuid():N}"[..30], buyer, cents, lines, paidAt, channel, storeId is { } id ? GlobalId.Encode("Store", id) : null);
        input["guideCode"] = guideCode;
        input["shareParameter"] = shareParameter;
        return input;
    }

    /// <summary>Records the order (must succeed) and returns (attributed guide key or null, attribution source, order key).</summary>
    public static async Task<(long? GuideId, string Source, long OrderId)> RecordAsync(GatewayHost gateway, Dictionary<string, object?> input)
    {
        var response = await gateway.GraphQLAsync(RecordOrder, new { input }, new LoyaltyApi(gateway).IngestionToken());
        var payload = response.OkData()["recordOrder"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        var order = payload["order"]!;
        return (order["attributedGuideId"]?.GetValue<string>() is { } guide ? GlobalId.TryDecode(guide, "Guide") : null,
            order["attributionSource"]!.GetValue<string>(), LoyaltyApi.OrderKey(order));
    }

    public static JsonNode Payload(GraphQLResponse response) => response.OkData()["recordOrder"]!;
}
