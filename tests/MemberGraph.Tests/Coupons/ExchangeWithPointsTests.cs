using MemberGraph.Data;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Coupons;

/// <summary>Exchanging points for a coupon against the real points ledger: points leave if and only if the coupon is issued.</summary>
public abstract class ExchangeWithPointsTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : ExchangeWithPointsTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : ExchangeWithPointsTests(DatabaseKind.Postgres);

    private GatewayHost _gateway = null!;
    private CouponKit _kit = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Points:ReturnWindowDays"] = "7" }, database: database);
        _kit = new CouponKit(_gateway);
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Points_are_spent_once_for_one_coupon_and_replays_of_the_key_return_that_coupon()
    {
        // given: 3,000 available points (an order of 3,000 yuan, its return window long closed, released by the job)
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-X1", "CARD-X1", 300_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        var memberId = LoyaltyApi.MemberKey(order);
        await _gateway.GraphQLAsync("mutation { runJob(input: { job: \"points-release\", wait: true }) { jobRun { status } } }", token: _kit.Data.AdminToken());
        Assert.Equal(3_000, (await _api.TotalsAsync(memberId)).Consistent());
        var templateId = await _kit.TemplateAsync(t => { t["claimable"] = false; t["pointsPrice"] = 2000; t["totalStock"] = 10; t["perMemberLimit"] = 5; });
        var token = _kit.Data.MemberToken(memberId);

        // when: the same exchange sent 8 times in parallel, then once more
        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = "swap-1" }, token)));
        var replay = (await _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = "swap-1" }, token)).Payload("exchangePointsForCoupon");
        var second = (await _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = "swap-2" }, token)).Payload("exchangePointsForCoupon");

        // then: one coupon, 2,000 points spent once; a new key needs 2,000 more than the 1,000 left
        var codes = parallel.Select(r => r.Payload("exchangePointsForCoupon")["coupon"]?["code"]?.GetValue<string>()).Distinct().ToList();
        Assert.Single(codes);
        Assert.NotNull(codes[0]);
        Assert.Equal(codes[0], replay["coupon"]!.Str("code"));
        Assert.Equal("INSUFFICIENT_POINTS", second.ErrorCode());
        Assert.Single(await _kit.CouponsOfAsync(templateId));
        Assert.Equal(1, await _kit.IssuedAsync(templateId));
        var totals = await _api.TotalsAsync(memberId);
        Assert.Equal(1_000, totals.Consistent());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.IdempotencyKey.Contains("swap-1")));
    }
}
