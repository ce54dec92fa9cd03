using MemberGraph.Domain;
using MemberGraph.Orders;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Orders;

/// <summary>
/// The seam the coupon and commission features implement: handlers of <see cref="OrderRefunded"/> run inside the
/// refund's transaction.
/// </summary>
public sealed class RefundListenerTests
{
    [Fact]
    public async Task A_listener_sees_the_saved_refund_and_its_changes_commit_with_it()
    {
        // given
        var listener = new RecordingListener(fail: false);
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IDomainEventHandler<OrderRefunded>>(listener));
        var api = new LoyaltyApi(gateway);
        var order = await api.RecordOkAsync(LoyaltyApi.Order("POS-L1", "CARD-L1", 5_000));

        // when
        await api.RefundOkAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = "L1" });

        // then
        var seen = Assert.Single(listener.Seen);
        Assert.True(seen.Full);
        Assert.True(seen.RefundId > 0);
        Assert.Equal(1, await api.AuditCountAsync("listener-ran"));
    }

    [Fact]
    public async Task A_failing_listener_rolls_the_whole_refund_back()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IDomainEventHandler<OrderRefunded>>(new RecordingListener(fail: true)));
        var api = new LoyaltyApi(gateway);
        var order = await api.RecordOkAsync(LoyaltyApi.Order("POS-L2", "CARD-L2", 5_000));

        // when
        var response = await api.RefundAsync(new { orderId = order["id"]!.GetValue<string>(), refundId = "L2" });

        // then
        Assert.Equal("INTERNAL_SERVER_ERROR", response.FirstErrorCode);
        await using var db = gateway.Db();
        Assert.Equal(OrderStatus.Paid, (await db.Orders.SingleAsync()).Status);
        Assert.False(await db.OrderRefunds.AnyAsync());
        Assert.Equal(0, await api.AuditCountAsync("listener-ran"));
        Assert.Equal(50, (await api.TotalsAsync(LoyaltyApi.MemberKey(order))).Pending);
    }

    private sealed class RecordingListener(bool fail) : IDomainEventHandler<OrderRefunded>
    {
        public List<(long RefundId, bool Full)> Seen { get; } = [];

        public async Task HandleAsync(OrderRefunded refund, UnitOfWork work, CancellationToken cancellationToken)
        {
            work.Db.AuditEntries.Add(new Audit.AuditEntry { Operation = "listener-ran", Target = $"Order:{refund.Order.Id}", Subject = "test", Role = "test", At = DateTime.UtcNow });
            await work.Db.SaveChangesAsync(cancellationToken);
            if (fail)
            {
                throw new InvalidOperationException("coupon rules failed");
            }

            Seen.Add((refund.Refund.Id, refund.IsFullRefund));
        }
    }
}
