using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Commission;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Guides.Tasks;
using MemberGraph.Jobs;
using MemberGraph.Kpis;
using MemberGraph.Members;
using MemberGraph.Operations.Journeys;
using MemberGraph.Orders;
using MemberGraph.Partners;
using MemberGraph.Points;
using MemberGraph.Privacy;
using MemberGraph.Privacy.Erasure;
using MemberGraph.Privacy.Export;
using MemberGraph.Realtime;
using MemberGraph.Seeding;
using MemberGraph.Segments;
using MemberGraph.Tags.Tagging;
using MemberGraph.Tencent.Sandbox;
using MemberGraph.Tencent.WeChat;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tiers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemberGraph;

public static class MemberGraphCoreServiceCollectionExtensions
{
    /// <summary>
    /// Everything but the schema and the transports: data, token issuing, the Tencent clients, the event bus, the
    /// domain-event dispatcher, jobs, each feature's one <c>AddX</c> and the demo seed. The gateway's <c>AddMemberGraph</c>
    /// calls this first.
    /// </summary>
    public static IServiceCollection AddMemberGraphCore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System); // a test host may register its own clock first
        services.AddMemberGraphData(configuration, environment);
        services.AddMemberGraphAuth(configuration);
        services.AddTencentSandbox(configuration, environment);
        services.AddWeChat(configuration);
        services.AddRealtime(configuration);
        services.AddDomainEvents();
        services.AddJobs(configuration, DatabaseProvider.From(configuration, new DataFolder(configuration["MemberGraph:DataDir"] ?? "data", environment.ContentRootPath).Path));
        services.AddMemberGraphFeatures();
        services.AddSeeding();
        return services;
    }

    /// <summary>
    /// Each feature's one <c>AddX</c>: its services, domain-event handlers, merge participants and options. Handlers of one
    /// event run in the order they are registered, so the order of these calls is the order of an order's side effects.
    /// </summary>
    public static IServiceCollection AddMemberGraphFeatures(this IServiceCollection services) => services
        .AddAudit()
        .AddMembers()
        .AddTags()
        .AddSegments()
        .AddWeCom()
        .AddGuides()
        .AddGuideTasks()
        .AddPoints()
        .AddTiers()
        .AddOrders()
        .AddCommission()
        .AddCoupons()
        .AddPartners()
        .AddConsents()
        .AddDataExport()
        .AddErasure()
        .AddPrivacyRetention()
        .AddJourneys()
        .AddKpis();
}
