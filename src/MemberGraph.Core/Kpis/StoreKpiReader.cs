using MemberGraph.Auth;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Kpis;

/// <summary><c>storeKpis(storeId, from, to)</c>: a store's KPIs for admins and its own staff; null for an unknown store.</summary>
public sealed class StoreKpiReader(IDbContextFactory<MemberGraphDb> factory)
{
    public async Task<StoreKpis?> ReadAsync(Caller caller, long storeId, KpiPeriod period, CancellationToken cancellationToken)
    {
        KpiAccess.EnsureMaySeeStore(caller, storeId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Stores.AnyAsync(s => s.Id == storeId, cancellationToken))
        {
            return null;
        }

        // Every guide the store has had: a resigned guide's customers are transferred, but their sales and commission
        // of the period still belong to the store.
        var guideIds = await db.Guides.Where(g => g.StoreId == storeId).Select(g => g.Id).ToListAsync(cancellationToken);
        var storeOrders = db.Orders.AsNoTracking().Where(o => o.StoreId == storeId);
        var (orders, repeatPurchase) = await BuyerAggregates.OrdersAndRepeatPurchaseAsync(db, storeOrders, period, cancellationToken);
        return new StoreKpis(
            storeId,
            period,
            orders,
            await KpiAggregates.MemberBaseAsync(db, guideIds, period, cancellationToken),
            repeatPurchase,
            await KpiAggregates.GuideSalesAsync(db, guideIds, period, cancellationToken),
            await KpiAggregates.TasksAsync(db, guideIds, period, cancellationToken));
    }
}
