using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MemberGraph.Commission;
using MemberGraph.Realtime;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Commission;

/// <summary>Commission reads through /graphql, the guide's events from the bus, and the rows behind them.</summary>
public sealed class CommissionApi(GatewayHost gateway)
{
    public const string MyCommission = """
        query { myGuide { id commission { today month pending settled clawedBack } } }
        """;

    public const string MyCommissionLines = """
        query($first: Int, $after: String) {
          myGuide {
            commissionLines(first: $first, after: $after) {
              totalCount pageInfo { hasNextPage endCursor }
              edges { node { orderId lineNumber sku category rule rateBasisPoints baseCents amountCents clawedBackCents netCents status } }
            }
          }
        }
        """;

    public async Task<Totals> MyTotalsAsync(string guideToken)
    {
        var commission = (await gateway.GraphQLAsync(MyCommission, token: guideToken)).OkData()["myGuide"]!["commission"]!;
        return Totals.From(commission);
    }

    public async Task<JsonArray> MyLinesAsync(string guideToken, int first = 100, string? after = null) =>
        (await gateway.GraphQLAsync(MyCommissionLines, new { first, after }, guideToken)).OkData()["myGuide"]!["commissionLines"]!["edges"]!.AsArray();

    public async Task<List<CommissionLine>> LinesAsync(long? guideId = null)
    {
        await using var db = gateway.Db();
        return await db.CommissionLines.AsNoTracking().Where(l => guideId == null || l.GuideId == guideId).OrderBy(l => l.Id).ToListAsync();
    }

    /// <summary>The totals row must equal what the guide's lines add up to (the read model never drifts from its lines).</summary>
    public async Task AssertTotalsMatchLinesAsync(long guideId)
    {
        await using var db = gateway.Db();
        var row = await db.GuideCommissionTotals.AsNoTracking().SingleAsync(t => t.GuideId == guideId);
        var lines = await db.CommissionLines.AsNoTracking().Where(l => l.GuideId == guideId).ToListAsync();
        Assert.Equal(lines.Where(l => l.Status == CommissionStatus.Pending).Sum(l => l.NetCents), row.PendingCents);
        Assert.Equal(lines.Where(l => l.Status != CommissionStatus.Pending).Sum(l => l.NetCents), row.SettledCents);
        Assert.Equal(lines.Sum(l => l.ClawedBackCents), row.ClawedBackCents);
    }

    /// <summary>Collects the events published to one audience.</summary>
    public EventLog Listen(string audience) => new(gateway.Service<IEventBus>().Subscribe(audience));
}

public sealed record Totals(long Today, long Month, long Pending, long Settled, long ClawedBack)
{
    public static Totals From(JsonNode commission) => new(
        commission["today"]!.GetValue<long>(), commission["month"]!.GetValue<long>(), commission["pending"]!.GetValue<long>(),
        commission["settled"]!.GetValue<long>(), commission["clawedBack"]!.GetValue<long>());
}

public sealed class EventLog : IObserver<IntegrationEvent>, IDisposable
{
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();
    private readonly IDisposable _subscription;

    public EventLog(IObservable<IntegrationEvent> source) => _subscription = source.Subscribe(this);

    public IReadOnlyList<T> All<T>() where T : IntegrationEvent => _events.OfType<T>().ToList();

    /// <summary>Waits (up to 5 s) until <paramref name="count"/> events of type T arrived; returns them in arrival order.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(int count) where T : IntegrationEvent
    {
        for (var waited = 0; waited < 5000 && _events.OfType<T>().Count() < count; waited += 20)
        {
            await Task.Delay(20);
        }

        return All<T>();
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void OnNext(IntegrationEvent value) => _events.Enqueue(value);

    public void Dispose() => _subscription.Dispose();
}
