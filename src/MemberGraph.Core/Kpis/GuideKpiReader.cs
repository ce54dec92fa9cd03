using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Kpis;

/// <summary>
/// <c>guideKpis(guideId, from, to)</c>: one guide's KPIs for the guide, staff of their store and admins. An unknown guide is
/// null for admins and AUTH_NOT_AUTHORIZED for everyone else (whether a guide id exists is not theirs to learn).
/// </summary>
public sealed class GuideKpiReader(IDbContextFactory<MemberGraphDb> factory)
{
    public async Task<GuideKpis?> ReadAsync(Caller caller, long guideId, KpiPeriod period, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var storeId = await db.Guides.Where(g => g.Id == guideId).Select(g => (long?)g.StoreId).FirstOrDefaultAsync(cancellationToken);
        if (storeId is null)
        {
            return caller.Is(Roles.Admin) ? null : throw RequestRefusedException.NotAuthorized("see another guide's KPIs");
        }

        KpiAccess.EnsureMaySeeGuide(caller, guideId, storeId.Value);
        long[] guide = [guideId];
        var attributed = db.Orders.AsNoTracking().Where(o => o.AttributedGuideId == guideId);
        var (orders, repeatPurchase) = await BuyerAggregates.OrdersAndRepeatPurchaseAsync(db, attributed, period, cancellationToken);
        return new GuideKpis(
            guideId,
            period,
            orders,
            await KpiAggregates.MemberBaseAsync(db, guide, period, cancellationToken),
            repeatPurchase,
            await KpiAggregates.GuideSalesAsync(db, guide, period, cancellationToken),
            await KpiAggregates.TasksAsync(db, guide, period, cancellationToken));
    }
}
