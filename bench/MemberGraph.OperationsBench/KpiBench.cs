using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Kpis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.OperationsBench;

/// <summary>
/// Times each KPI query (storeKpis, guideKpis, guideRanking) for the busiest store, that store's best-selling guide and the
/// store's ranking, over the last month and the last year of the data (ending on the China day of the newest order). Each
/// is run twice: the first run reads pages from disk, the second from SQLite's and the OS's caches.
/// </summary>
internal static class KpiBench
{
    public static async Task RunAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MemberGraphDb>>();
        var admin = new Caller("bench", Roles.Admin, null, null, null, null, new HashSet<string>());
        long storeId;
        long guideId;
        DateOnly lastDay;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var busiest = await db.Orders.Where(o => o.StoreId != null).GroupBy(o => o.StoreId!.Value)
                .Select(g => new { StoreId = g.Key, Orders = g.Count() }).OrderByDescending(g => g.Orders).FirstAsync();
            storeId = busiest.StoreId;
            lastDay = KpiPeriod.BusinessDay(await db.Orders.MaxAsync(o => o.PaidAt));
            var storeGuides = await db.Guides.Where(g => g.StoreId == storeId).Select(g => g.Id).ToListAsync();
            guideId = await db.Orders.Where(o => o.AttributedGuideId != null && storeGuides.Contains(o.AttributedGuideId.Value))
                .GroupBy(o => o.AttributedGuideId!.Value).Select(g => new { Guide = g.Key, Orders = g.Count() })
                .OrderByDescending(g => g.Orders).Select(g => g.Guide).FirstAsync();
            Console.WriteLine($"store {storeId} ({busiest.Orders:N0} orders in all), guide {guideId}, last day {lastDay:yyyy-MM-dd}");
        }

        var stores = services.GetRequiredService<StoreKpiReader>();
        var guides = services.GetRequiredService<GuideKpiReader>();
        var ranking = services.GetRequiredService<GuideRanking>();
        foreach (var (name, days) in new[] { ("month", 30), ("year", 365) })
        {
            var period = KpiPeriod.Of(lastDay.AddDays(1 - days), lastDay);
            await TimeAsync($"storeKpis    {name}", async () =>
            {
                var k = (await stores.ReadAsync(admin, storeId, period, CancellationToken.None))!;
                return $"orders {k.Orders.Orders:N0}, identified {k.Orders.IdentificationRate.Rate:P1}, members {k.MemberBase.Members:N0}, " +
                       $"WeCom {k.MemberBase.WeComAddRate.Rate:P1}, reachable {k.MemberBase.ReachableRate.Rate:P1}, repeat {k.RepeatPurchase.RepeatPurchaseRate.Rate:P1}, " +
                       $"attributed {k.GuideSales.AttributedSalesCents / 100:N0} yuan";
            });
            await TimeAsync($"guideKpis    {name}", async () =>
            {
                var k = (await guides.ReadAsync(admin, guideId, period, CancellationToken.None))!;
                return $"orders {k.AttributedOrders.Orders:N0}, customers {k.Customers.Members:N0}, commission {k.Sales.CommissionCents / 100:N0} yuan";
            });
            await TimeAsync($"guideRanking {name}", async () =>
            {
                var entries = (await ranking.RankAsync(admin, storeId, period, GuideRankingMetric.Sales, 100, CancellationToken.None))!;
                return $"{entries.Count} guides, top {entries.FirstOrDefault()?.Value / 100:N0} yuan";
            });
        }
    }

    private static async Task TimeAsync(string name, Func<Task<string>> query)
    {
        for (var run = 1; run <= 2; run++)
        {
            var measure = Measure.Start();
            var result = await query();
            Console.WriteLine($"{name} run {run}: {measure.Stop()}, load {Measure.LoadAverage()} | {result}");
        }
    }
}
