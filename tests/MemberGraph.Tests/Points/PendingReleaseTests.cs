using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Points;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Points;

public sealed class PendingReleaseTests : IAsyncLifetime
{
    private const string Release = "mutation($input: PointsStepInput!) { releasePendingPoints(input: $input) { processed errors { code } } }";
    private readonly MutableTimeProvider _clock = new();
    private GatewayHost _gateway = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Points:ReturnWindowDays"] = "7" },
            services: s => s.AddSingleton<TimeProvider>(_clock));
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Points_stay_pending_until_the_return_window_closes_then_become_available()
    {
        // given
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-P1", "CARD-P1", 20_000, paidAt: _clock.GetUtcNow().UtcDateTime.AddMinutes(-1)));
        var memberId = LoyaltyApi.MemberKey(order);
        var admin = new TestData(_gateway).AdminToken();

        // when: six days later
        _clock.Advance(TimeSpan.FromDays(6));
        var early = await _gateway.GraphQLAsync(Release, new { input = new { } }, admin);

        // then
        Assert.Equal(0, early.OkData()["releasePendingPoints"]!["processed"]!.GetValue<int>());
        Assert.Equal(200, (await _api.TotalsAsync(memberId)).Pending);

        // when: the window has closed
        _clock.Advance(TimeSpan.FromDays(1));
        var released = await _gateway.GraphQLAsync(Release, new { input = new { memberId = GlobalId.Encode("Member", memberId) } }, admin);

        // then
        Assert.Equal(1, released.OkData()["releasePendingPoints"]!["processed"]!.GetValue<int>());
        var me = (await _gateway.GraphQLAsync("{ me { points { balance pending ledger(first: 5) { totalCount edges { node { kind amount pendingChange balanceAfter pendingAfter } } } } } }",
            token: new TestData(_gateway).MemberToken(memberId))).OkData()["me"]!["points"]!;
        Assert.Equal(200, me["balance"]!.GetValue<long>());
        Assert.Equal(0, me["pending"]!.GetValue<long>());
        Assert.Equal(2, me["ledger"]!["totalCount"]!.GetValue<int>());
        var newest = me["ledger"]!["edges"]![0]!["node"]!;
        Assert.Equal(("RELEASE", 200L, -200L, 200L, 0L), (newest["kind"]!.GetValue<string>(), newest["amount"]!.GetValue<long>(),
            newest["pendingChange"]!.GetValue<long>(), newest["balanceAfter"]!.GetValue<long>(), newest["pendingAfter"]!.GetValue<long>()));
        Assert.Equal(200, (await _api.TotalsAsync(memberId)).Consistent());
        Assert.Equal(1, await _api.AuditCountAsync("releasePendingPoints", $"Member:{memberId}"));

        // when: released again, nothing is left to release
        var again = await _gateway.GraphQLAsync(Release, new { input = new { } }, admin);

        // then
        Assert.Equal(0, again.OkData()["releasePendingPoints"]!["processed"]!.GetValue<int>());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Release));
    }

    [Fact]
    public async Task A_refund_inside_the_window_cancels_pending_points_and_after_it_deducts_available_ones()
    {
        // given
        var now = _clock.GetUtcNow().UtcDateTime;
        var inside = await _api.RecordOkAsync(LoyaltyApi.Order("POS-P2", "CARD-P2", 10_000, paidAt: now.AddMinutes(-1)));
        var memberId = LoyaltyApi.MemberKey(inside);
        var after = await _api.RecordOkAsync(LoyaltyApi.Order("POS-P3", "CARD-P2", 10_000, paidAt: now.AddMinutes(-2)));

        // when: one refund inside the window; then the window closes; then the other refund
        var cancelled = await _api.RefundOkAsync(new { orderId = inside["id"]!.GetValue<string>(), refundId = "P2" });
        _clock.Advance(TimeSpan.FromDays(8));
        await _gateway.Service<PointsMaintenance>().ReleasePendingPointsAsync(_clock.GetUtcNow().UtcDateTime);
        var deducted = await _api.RefundOkAsync(new { orderId = after["id"]!.GetValue<string>(), refundId = "P3", amountCents = 5_000 });

        // then
        Assert.Equal((100L, 0L), (cancelled["refund"]!["pointsCancelled"]!.GetValue<long>(), cancelled["refund"]!["pointsDeducted"]!.GetValue<long>()));
        Assert.Equal((0L, 50L), (deducted["refund"]!["pointsCancelled"]!.GetValue<long>(), deducted["refund"]!["pointsDeducted"]!.GetValue<long>()));
        Assert.Equal(50, (await _api.TotalsAsync(memberId)).Consistent());
    }
}
