using MemberGraph.Points;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Points;

/// <summary>
/// Parallel redemptions against one balance, on SQLite and on PostgreSQL; one gateway per engine, each test with its own buyer.
/// </summary>
public abstract class RedeemConcurrencyTests(GatewayHost gateway)
{
    private readonly GatewayHost _gateway = gateway;
    private readonly LoyaltyApi _api = new(gateway);

    public sealed class OnSqlite(GatewayFixture fixture) : RedeemConcurrencyTests(fixture.Gateway), IClassFixture<GatewayFixture>;

    public sealed class OnPostgres(PostgresGatewayFixture fixture) : RedeemConcurrencyTests(fixture.Gateway), IClassFixture<PostgresGatewayFixture>;

    [Fact]
    public async Task Two_hundred_parallel_redemptions_against_a_balance_for_fifty_let_exactly_fifty_through()
    {
        // given: 500 available points (an order past its return window), redemptions of 10
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-C1", "CARD-C1", 50_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        var memberId = LoyaltyApi.MemberKey(order);
        Assert.Equal(500, (await _api.TotalsAsync(memberId)).Consistent());

        // when
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => _api.RedeemAsync(memberId, 10, $"parallel-{i}")));

        // then
        var payloads = responses.Select(r => r.OkData()["redeemPoints"]!).ToList();
        Assert.Equal(50, payloads.Count(p => p["errors"]!.AsArray().Count == 0));
        Assert.Equal(150, payloads.Count(p => p["errors"]!.AsArray().FirstOrDefault()?["code"]?.GetValue<string>() == "INSUFFICIENT_POINTS"));
        Assert.Equal(0, (await _api.TotalsAsync(memberId)).Consistent());
        await using var db = _gateway.Db();
        Assert.Equal(50, await db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Redeem));
        Assert.Equal(50, await _api.AuditCountAsync("redeemPoints", $"Member:{memberId}"));

        // and the balances written on the entries are the running balance, each value once
        var balances = await db.PointsEntries.Where(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Redeem).Select(e => e.BalanceAfter).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i * 10).Order(), balances.Order());
    }

    [Fact]
    public async Task Parallel_replays_of_one_idempotency_key_write_one_entry()
    {
        // given
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-C2", "CARD-C2", 10_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        var memberId = LoyaltyApi.MemberKey(order);

        // when
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _api.RedeemAsync(memberId, 25, "same-key")));

        // then
        var payloads = responses.Select(r => r.OkData()["redeemPoints"]!).ToList();
        Assert.All(payloads, p => Assert.Empty(p["errors"]!.AsArray()));
        Assert.Equal(39, payloads.Count(p => p["replayed"]!.GetValue<bool>()));
        Assert.Equal(75, (await _api.TotalsAsync(memberId)).Consistent());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.IdempotencyKey == "same-key"));
    }
}
