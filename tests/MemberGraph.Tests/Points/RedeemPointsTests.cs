using MemberGraph.Points;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Points;

public sealed class RedeemPointsTests : IAsyncLifetime
{
    // Mid-June in China: lots earned in 2025 expire at the end of 2026, lots earned in 2026 at the end of 2027.
    private readonly MutableTimeProvider _clock = new(new DateTimeOffset(2026, 6, 15, 4, 0, 0, TimeSpan.Zero));
    private GatewayHost _gateway = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Points:ExpiryYears"] = "1",
            ["Points:ExpiringSoonDays"] = "60",
            ["Points:BusinessUtcOffsetHours"] = "8",
        }, services: s => s.AddSingleton<TimeProvider>(_clock));
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <summary>A member with 100 points from 2025 and 200 points from 2026, all available.</summary>
    private async Task<long> MemberWithTwoLotsAsync(string card)
    {
        var old = await _api.RecordOkAsync(LoyaltyApi.Order($"{card}-2025", card, 10_000, paidAt: new DateTime(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc)));
        await _api.RecordOkAsync(LoyaltyApi.Order($"{card}-2026", card, 20_000, paidAt: new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc)));
        return LoyaltyApi.MemberKey(old);
    }

    [Fact]
    public async Task Redemption_takes_the_oldest_lot_first_and_expiry_removes_what_is_left_of_it()
    {
        // given
        var memberId = await MemberWithTwoLotsAsync("CARD-F1");
        Assert.Equal(300, (await _api.TotalsAsync(memberId)).Consistent());

        // when
        var redeemed = (await _api.RedeemAsync(memberId, 50, "fifo-1", "香蕉一把")).OkData()["redeemPoints"]!;

        // then
        Assert.Equal(250, redeemed["balance"]!.GetValue<long>());
        Assert.Equal(("REDEEM", -50L, 250L, "香蕉一把"), (redeemed["entry"]!["kind"]!.GetValue<string>(), redeemed["entry"]!["amount"]!.GetValue<long>(),
            redeemed["entry"]!["balanceAfter"]!.GetValue<long>(), redeemed["entry"]!["reason"]!.GetValue<string>()));
        Assert.Equal("MEMBER", redeemed["entry"]!["source"]!["kind"]!.GetValue<string>());
        Assert.Equal(new long[] { 50, 200 }, await RemainingByAgeAsync(memberId));

        // when: mid-November, the 2025 lot shows as expiring soon
        _clock.Set(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero));
        var soon = (await _gateway.GraphQLAsync("{ me { points { balance expiringSoon { amount at } } } }", token: new TestData(_gateway).MemberToken(memberId)))
            .OkData()["me"]!["points"]!["expiringSoon"]!.AsArray();

        // then: 50 points at midnight of 1 January 2027 in China
        var expiring = Assert.Single(soon)!;
        Assert.Equal(50, expiring["amount"]!.GetValue<long>());
        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), expiring["at"]!.GetValue<DateTime>().ToUniversalTime());

        // when: the year turned
        _clock.Set(new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero));
        var expired = await _gateway.Service<PointsMaintenance>().ExpirePointsAsync(_clock.GetUtcNow().UtcDateTime);
        var spent = (await _api.RedeemAsync(memberId, 150, "fifo-2")).OkData()["redeemPoints"]!;

        // then
        Assert.Equal(1, expired);
        Assert.Equal(50, spent["balance"]!.GetValue<long>());
        Assert.Equal(new long[] { 0, 50 }, await RemainingByAgeAsync(memberId));
        Assert.Equal(50, (await _api.TotalsAsync(memberId)).Consistent());
        await using var db = _gateway.Db();
        var expiry = await db.PointsEntries.SingleAsync(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Expire);
        Assert.Equal((-50L, 200L), (expiry.Amount, expiry.BalanceAfter));
        Assert.Equal(PointsLotStatus.Expired, (await db.PointsLots.OrderBy(l => l.ExpiresAt).FirstAsync(l => l.MemberId == memberId)).Status);
    }

    [Fact]
    public async Task Spending_more_than_the_balance_is_refused_and_changes_nothing()
    {
        // given
        var memberId = await MemberWithTwoLotsAsync("CARD-F2");

        // when
        var payload = (await _api.RedeemAsync(memberId, 301, "too-much")).OkData()["redeemPoints"]!;

        // then
        Assert.Equal(("INSUFFICIENT_POINTS", "amount"), (payload["errors"]![0]!["code"]!.GetValue<string>(), payload["errors"]![0]!["field"]!.GetValue<string>()));
        Assert.Null(payload["entry"]);
        Assert.Equal(300, (await _api.TotalsAsync(memberId)).Consistent());
        Assert.Equal(0, await _api.AuditCountAsync("redeemPoints"));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_result_and_refuses_another_amount()
    {
        // given
        var memberId = await MemberWithTwoLotsAsync("CARD-F3");
        await _api.RedeemAsync(memberId, 30, "key-1");

        // when
        var replay = (await _api.RedeemAsync(memberId, 30, "key-1")).OkData()["redeemPoints"]!;
        var conflict = (await _api.RedeemAsync(memberId, 40, "key-1")).OkData()["redeemPoints"]!;

        // then
        Assert.True(replay["replayed"]!.GetValue<bool>());
        Assert.Equal(270, replay["balance"]!.GetValue<long>());
        Assert.Equal("IDEMPOTENCY_CONFLICT", conflict["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(270, (await _api.TotalsAsync(memberId)).Consistent());
        Assert.Equal(1, await _api.AuditCountAsync("redeemPoints", $"Member:{memberId}"));
    }

    [Fact]
    public async Task Amounts_below_one_are_invalid()
    {
        var memberId = await MemberWithTwoLotsAsync("CARD-F4");

        var payload = (await _api.RedeemAsync(memberId, 0, "zero")).OkData()["redeemPoints"]!;

        Assert.Equal(("INVALID_INPUT", "amount"), (payload["errors"]![0]!["code"]!.GetValue<string>(), payload["errors"]![0]!["field"]!.GetValue<string>()));
    }

    private async Task<long[]> RemainingByAgeAsync(long memberId)
    {
        await using var db = _gateway.Db();
        return await db.PointsLots.Where(l => l.MemberId == memberId).OrderBy(l => l.ExpiresAt).Select(l => l.Remaining).ToArrayAsync();
    }
}
