using System.Text.Json.Nodes;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Tags;

/// <summary>A customer built for a tagging test: the member and the POS card their orders carry.</summary>
public sealed record Customer(long Id, string Card);

/// <summary>
/// A gateway on a fixed clock (2026-03-15 12:00 China time) with helpers to build customers and their orders through
/// recordOrder, define RULE tags through defineTag, run tagging through runTagging and read the assignments back.
/// </summary>
public sealed class TaggingWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 15, 4, 0, 0, TimeSpan.Zero);

    private TaggingWorld(GatewayHost gateway, MutableTimeProvider clock)
    {
        Gateway = gateway;
        Clock = clock;
        Data = new TestData(gateway);
        Loyalty = new LoyaltyApi(gateway);
    }

    public GatewayHost Gateway { get; }
    public MutableTimeProvider Clock { get; }
    public TestData Data { get; }
    public LoyaltyApi Loyalty { get; }
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public static async Task<TaggingWorld> StartAsync(int batchSize = 20_000, Action<IServiceCollection>? services = null)
    {
        var clock = new MutableTimeProvider(Start);
        var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Tagging:BatchSize"] = batchSize.ToString() }, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            services?.Invoke(s);
        });
        return new TaggingWorld(gateway, clock);
    }

    public async Task<Customer> CustomerAsync(int createdDaysAgo = 400, DateOnly? birthday = null, (double Lat, double Lon)? home = null)
    {
        var card = $"CARD{TestData.Next():000000}";
        var member = await Data.MemberAsync(createdAt: Now.AddDays(-createdDaysAgo), identities: (IdentityChannel.PosCard, card));
        if (birthday is not null || home is not null)
        {
            await using var db = Gateway.Db();
            await db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Birthday, birthday)
                .SetProperty(m => m.HomeLatitude, home == null ? null : home.Value.Lat)
                .SetProperty(m => m.HomeLongitude, home == null ? null : home.Value.Lon));
        }

        return new Customer(member.Id, card);
    }

    /// <summary>Records an order (one DOMESTIC_FRUIT line unless lines are given) paid <paramref name="daysAgo"/> days ago; returns its global id.</summary>
    public async Task<string> OrderAsync(Customer customer, long cents, double daysAgo, object[]? lines = null, long? storeId = null)
    {
        var input = LoyaltyApi.Order($"T{TestData.Next():0000000}", customer.Card, cents, lines, Now.AddDays(-daysAgo),
            storeId: storeId is { } id ? MemberGraph.Domain.GlobalId.Encode("Store", id) : null);
        var order = await Loyalty.RecordOkAsync(input);
        Assert.Equal(customer.Id, LoyaltyApi.MemberKey(order));
        return order["id"]!.GetValue<string>();
    }

    public async Task RefundAllAsync(string orderId) =>
        await Loyalty.RefundOkAsync(new { orderId, refundId = $"R{TestData.Next()}" });

    public async Task DefineAsync(string key, object rule)
    {
        var response = await Gateway.GraphQLAsync("""
            mutation($input: DefineTagInput!) { defineTag(input: $input) { errors { code message } } }
            """, new { input = new { key, name = key, kind = "RULE", rule } }, Data.AdminToken());
        Assert.Empty(response.OkData()["defineTag"]!["errors"]!.AsArray());
    }

    /// <summary>runTagging with wait: the finished JobRun, asserted successful.</summary>
    public async Task<JsonNode> RunAsync(string mode = "FULL")
    {
        var response = await Gateway.GraphQLAsync("""
            mutation($input: RunTaggingInput!) { runTagging(input: $input) { jobRun { id job status processed total summary error } errors { code message } } }
            """, new { input = new { mode, wait = true } }, Data.AdminToken());
        var payload = response.OkData()["runTagging"]!;
        Assert.Empty(payload["errors"]!.AsArray());
        var run = payload["jobRun"]!;
        Assert.True(run["status"]!.GetValue<string>() == "SUCCEEDED", run.ToJsonString());
        return run;
    }

    /// <summary>Members carrying the tag, with the assignment's value, straight from the database.</summary>
    public async Task<Dictionary<long, string?>> TaggedAsync(string key)
    {
        await using var db = Gateway.Db();
        return await db.MemberTags.Join(db.TagDefinitions.Where(t => t.Key == key), a => a.TagId, t => t.Id, (a, t) => a)
            .ToDictionaryAsync(a => a.MemberId, a => a.Value);
    }

    /// <summary>Every assignment, as (tag key, member, value) triples.</summary>
    public async Task<List<(string Key, long MemberId, string? Value)>> AssignmentsAsync()
    {
        await using var db = Gateway.Db();
        var rows = await db.MemberTags.Join(db.TagDefinitions, a => a.TagId, t => t.Id, (a, t) => new { t.Key, a.MemberId, a.Value }).ToListAsync();
        return rows.Select(r => (r.Key, r.MemberId, r.Value)).OrderBy(r => r.Key).ThenBy(r => r.MemberId).ToList();
    }

    public async ValueTask DisposeAsync() => await Gateway.DisposeAsync();
}
