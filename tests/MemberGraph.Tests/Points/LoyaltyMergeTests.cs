using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Points;

/// <summary>The loyalty merge participants: what the OneID merge moves to the survivor, and moves back on unmerge.</summary>
public sealed class LoyaltyMergeTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Orders_points_and_the_higher_tier_move_to_the_survivor_and_back()
    {
        // given: the survivor with 100 available points (30 spent with key "k1"), the merged member with 200 available,
        // 50 pending, a redemption under the same key and enough growth for level 1
        var survivorOrder = await _api.RecordOkAsync(LoyaltyApi.Order("POS-G1", "CARD-SURVIVOR", 10_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        var survivor = LoyaltyApi.MemberKey(survivorOrder);
        var mergedOrder = await _api.RecordOkAsync(LoyaltyApi.Order("POS-G2", "CARD-MERGED", 120_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        var merged = LoyaltyApi.MemberKey(mergedOrder);
        await _api.RecordOkAsync(LoyaltyApi.Order("POS-G3", "CARD-MERGED", 5_000));
        await _api.RedeemAsync(survivor, 30, "k1");
        await _api.RedeemAsync(merged, 1_000, "k1");
        string[] loyaltyKinds = ["orders", "pointsEntries", "pointsLots", "tiers"];
        var participants = _gateway.Services.GetServices<IMergeParticipant>().Where(p => loyaltyKinds.Contains(p.Kind)).ToList();
        Assert.Equal(loyaltyKinds, participants.Select(p => p.Kind).Order());

        // when
        var moved = new Dictionary<string, IReadOnlyList<long>>();
        await using (var db = _gateway.Db())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var participant in participants)
            {
                moved[participant.Kind] = await participant.MoveAsync(db, merged, survivor, CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        // then
        var together = await _api.TotalsAsync(survivor);
        Assert.Equal(70 + 200, together.Consistent());
        Assert.Equal(50, together.Pending);
        Assert.Equal(0, (await _api.TotalsAsync(merged)).Consistent());
        await using (var db = _gateway.Db())
        {
            Assert.Equal(3, await db.Orders.CountAsync(o => o.MemberId == survivor));
            Assert.Equal(["k1", "k1@merged:" + merged], await db.PointsEntries.Where(e => e.MemberId == survivor && e.IdempotencyKey.StartsWith("k1")).Select(e => e.IdempotencyKey).OrderBy(k => k).ToListAsync());
            Assert.Equal(1, (await db.MemberTiers.SingleAsync(t => t.MemberId == survivor)).Level);
            Assert.Equal(TierChangeReason.Merge, (await db.TierChanges.OrderBy(c => c.Id).LastAsync(c => c.MemberId == survivor)).Reason);
        }

        // when: the merge was wrong
        await using (var db = _gateway.Db())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var participant in participants)
            {
                await participant.MoveBackAsync(db, moved[participant.Kind], merged, CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        // then
        Assert.Equal(70, (await _api.TotalsAsync(survivor)).Consistent());
        var apart = await _api.TotalsAsync(merged);
        Assert.Equal(200, apart.Consistent());
        Assert.Equal(50, apart.Pending);
        await using (var db = _gateway.Db())
        {
            Assert.Equal(2, await db.Orders.CountAsync(o => o.MemberId == merged));
            Assert.Equal("k1", (await db.PointsEntries.SingleAsync(e => e.MemberId == merged && e.IdempotencyKey.StartsWith("k1"))).IdempotencyKey);
        }
    }
}
