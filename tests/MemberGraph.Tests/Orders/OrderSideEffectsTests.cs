using MemberGraph.Commission;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Points;
using MemberGraph.Tests.Commission;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Orders;

/// <summary>
/// The seam under recordOrder: the order and every side effect its handlers write (points, commission, tier) commit
/// together or not at all, and subscribers hear them once, after the commit — also when the unit of work is retried.
/// The test handler reacts to TierChanged, which the tier handler raises after the order's other handlers ran.
/// Levels: 银卡 from 1,000.00 (the default ladder); points: 1 per yuan, pending; commission: 3% by default.
/// </summary>
public sealed class OrderSideEffectsTests
{
    [Fact]
    public async Task A_failing_handler_rolls_back_the_order_with_its_points_commission_and_tier_and_publishes_nothing()
    {
        // given: a buyer with a guide, and a handler that fails whenever a member changes level
        var failing = new FailingTierHandler(failures: int.MaxValue, () => new InvalidOperationException("journey rules failed"));
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IDomainEventHandler<TierChanged>>(failing));
        var (api, data) = (new LoyaltyApi(gateway), new TestData(gateway));
        var guide = await data.GuideAsync((await data.StoreAsync()).Id);
        var card = $"CARD-{TestData.Next()}";
        var member = await data.MemberAsync(identities: (IdentityChannel.PosCard, card));
        using var memberEvents = new CommissionApi(gateway).Listen($"member:{member.Id}");
        using var guideEvents = new CommissionApi(gateway).Listen($"guide:{guide.Id}");

        // when: 1,500.00 would reach 银卡, so the handler fails; then 50.00, which changes no level
        var failed = await api.RecordAsync(WithGuide(LoyaltyApi.Order("POS-UP", card, 150_000), guide.GuideCode));
        var small = await api.RecordOkAsync(WithGuide(LoyaltyApi.Order("POS-SMALL", card, 5_000), guide.GuideCode));

        // then: only the small order and its effects are there, and only they were heard
        Assert.Equal("INTERNAL_SERVER_ERROR", failed.FirstErrorCode);
        Assert.Equal(1, failing.Calls);
        await using var db = gateway.Db();
        Assert.Equal(["POS-SMALL"], await db.Orders.Select(o => o.ChannelOrderId).ToListAsync());
        Assert.Equal(50, (await api.TotalsAsync(member.Id)).Pending);
        Assert.Equal([150L], await db.CommissionLines.Select(l => l.AmountCents).ToListAsync());
        Assert.False(await db.TierChanges.AnyAsync());
        Assert.Equal(1, await api.AuditCountAsync("recordOrder"));
        var points = Assert.Single(await memberEvents.WaitForAsync<PointsChanged>(1));
        Assert.Equal(50, points.Pending);
        Assert.Equal(150, Assert.Single(await guideEvents.WaitForAsync<CommissionChanged>(1)).CommissionDeltaCents);
        await Task.Delay(200);
        Assert.Single(memberEvents.All<PointsChanged>());
        Assert.Empty(memberEvents.All<TierChanged>());
        Assert.Single(guideEvents.All<CommissionChanged>());
        Assert.Equal(small["id"]!.GetValue<string>(), points.Entry.SourceId);
    }

    [Fact]
    public async Task An_order_retried_after_a_lost_race_runs_its_handlers_again_and_is_heard_once()
    {
        // given: the first attempt loses a race at its last handler, after points, commission and tier were written
        var racing = new FailingTierHandler(failures: 1, () => new DbUpdateConcurrencyException("a parallel change came first"));
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IDomainEventHandler<TierChanged>>(racing));
        var (api, data) = (new LoyaltyApi(gateway), new TestData(gateway));
        var guide = await data.GuideAsync((await data.StoreAsync()).Id);
        var card = $"CARD-{TestData.Next()}";
        var member = await data.MemberAsync(identities: (IdentityChannel.PosCard, card));
        using var memberEvents = new CommissionApi(gateway).Listen($"member:{member.Id}");
        using var guideEvents = new CommissionApi(gateway).Listen($"guide:{guide.Id}");

        // when
        var payload = (await api.RecordAsync(WithGuide(LoyaltyApi.Order("POS-RACE", card, 150_000), guide.GuideCode))).OkData()["recordOrder"]!;

        // then: recorded (not a replay) by the second attempt: 1,500 points, 45.00 commission, one level up — once each
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.False(payload["replayed"]!.GetValue<bool>());
        Assert.Equal(2, racing.Calls);
        Assert.Equal(1_500, (await api.TotalsAsync(member.Id)).Pending);
        Assert.Equal(0, (await api.TotalsAsync(member.Id)).Consistent());
        await using var db = gateway.Db();
        Assert.Equal(1, await db.Orders.CountAsync());
        Assert.Equal(1, await db.PointsLots.CountAsync());
        Assert.Equal([4_500L], await db.CommissionLines.Select(l => l.AmountCents).ToListAsync());
        Assert.Equal(4_500, (await db.GuideCommissionTotals.SingleAsync()).PendingCents);
        Assert.Equal(1, await db.TierChanges.CountAsync());
        Assert.Equal(1, await api.AuditCountAsync("recordOrder"));
        await memberEvents.WaitForAsync<TierChanged>(1);
        await guideEvents.WaitForAsync<CommissionChanged>(1);
        await Task.Delay(200);
        Assert.Equal(1_500, Assert.Single(memberEvents.All<PointsChanged>()).Pending);
        var tier = Assert.Single(memberEvents.All<TierChanged>());
        Assert.Equal((0, 1), (tier.FromLevel, tier.ToLevel));
        Assert.Equal(4_500, Assert.Single(guideEvents.All<CommissionChanged>()).Totals.Pending);
    }

    private static Dictionary<string, object?> WithGuide(Dictionary<string, object?> order, string guideCode)
    {
        order["guideCode"] = guideCode;
        return order;
    }

    /// <summary>Fails its first <paramref name="failures"/> calls with the given exception, then lets level changes through.</summary>
    private sealed class FailingTierHandler(int failures, Func<Exception> failure) : IDomainEventHandler<TierChanged>
    {
        private int _calls;

        public int Calls => _calls;

        public Task HandleAsync(TierChanged changed, UnitOfWork work, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures ? throw failure() : Task.CompletedTask;
    }
}
