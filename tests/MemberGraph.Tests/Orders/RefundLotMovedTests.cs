using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Orders;

/// <summary>
/// A refund reads its order's points lot before it writes (before SQLite's writer's turn) and writes the lot back only at the
/// version it read: when another writer moved the lot in between, the refund starts again, and the points go back once.
/// </summary>
public abstract class RefundLotMovedTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : RefundLotMovedTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : RefundLotMovedTests(DatabaseKind.Postgres);

    private readonly LotMover _mover = new();
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(database: database, services: s => s.AddSingleton<IDomainEventHandler<OrderRefunded>>(_mover));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_lot_moved_after_the_refund_read_it_makes_the_refund_start_again_and_cancel_its_points_once()
    {
        // given: an order of 100 yuan (100 points pending), and another writer that moves its lot once, after the refund read it
        var api = new LoyaltyApi(_gateway);
        var order = await api.RecordOkAsync(LoyaltyApi.Order("POS-MOVED", "CARD-MOVED", 10_000));
        var memberId = LoyaltyApi.MemberKey(order);
        _mover.MovesLeft = 1;

        // when: 30 yuan back
        var refund = await api.RefundOkAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = "R-MOVED", amountCents = 3_000 });

        // then: the first attempt lost to the move (rolled back with it) and the second went through: 30 points cancelled once
        Assert.Equal(2, _mover.Calls);
        Assert.Equal(30, refund["refund"]!["pointsCancelled"]!.GetValue<long>());
        var totals = await api.TotalsAsync(memberId);
        Assert.Equal((70L, 0L), (totals.Pending, totals.Consistent()));
        await using var db = _gateway.Db();
        var lot = await db.PointsLots.AsNoTracking().SingleAsync(l => l.MemberId == memberId);
        Assert.Equal((70L, PointsLotStatus.Pending, 1L), (lot.Remaining, lot.Status, lot.Version));
        Assert.Equal(1, await db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Reverse));
        Assert.Equal(1, await db.OrderRefunds.CountAsync());
    }

    /// <summary>
    /// Stands for a writer that moved the lot (a new version, as a maturing would) after the refund's plan read it: it runs once
    /// the refund row is written, before the gateway's own handlers of the refund (test handlers are registered first), and bumps
    /// the lot's version in the refund's own transaction, so that SQLite's one writer need not be waited for.
    /// </summary>
    private sealed class LotMover : IDomainEventHandler<OrderRefunded>
    {
        private int _calls;

        public int MovesLeft { get; set; }

        public int Calls => _calls;

        public async Task HandleAsync(OrderRefunded refunded, UnitOfWork work, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (MovesLeft-- <= 0)
            {
                return;
            }

            await work.Db.PointsLots.Where(l => l.OrderId == refunded.Order.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
        }
    }
}
