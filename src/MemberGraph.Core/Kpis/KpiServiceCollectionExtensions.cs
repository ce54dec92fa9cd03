namespace MemberGraph.Kpis;

public static class KpiServiceCollectionExtensions
{
    /// <summary>Store and guide KPIs and the guide ranking: read-only aggregate queries, no handlers, no jobs.</summary>
    public static IServiceCollection AddKpis(this IServiceCollection services)
    {
        services.AddSingleton<StoreKpiReader>();
        services.AddSingleton<GuideKpiReader>();
        services.AddSingleton<GuideRanking>();
        return services;
    }
}
