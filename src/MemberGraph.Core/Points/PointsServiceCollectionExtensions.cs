using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Orders;

namespace MemberGraph.Points;

public static class PointsServiceCollectionExtensions
{
    /// <summary>Earn rules (section <c>Points</c>), the ledger, redemption, the release/expiry steps, merges, the wallet coupon exchanges pay from.</summary>
    public static IServiceCollection AddPoints(this IServiceCollection services)
    {
        services.AddOptions<PointsOptions>().BindConfiguration(PointsOptions.Section);
        services.AddSingleton<EarnRules>();
        services.AddSingleton<PointsLedger>();
        services.AddSingleton<PointsService>();
        services.AddDomainEventHandler<OrderRecording, PricePointsOnOrder>();
        services.AddDomainEventHandler<OrderRecorded, EarnPointsOnOrder>();
        services.AddDomainEventHandler<OrderRefunding, PlanPointsReversal>();
        services.AddDomainEventHandler<OrderRefunded, ReversePointsOnRefund>();
        services.AddSingleton<PointsMaintenance>();
        services.AddSingleton<IMergeParticipant, PointsLotMergeParticipant>();
        services.AddSingleton<IMergeParticipant, PointsEntryMergeParticipant>();
        services.AddSingleton<Coupons.IPointsWallet, PointsWallet>(); // the points ledger behind coupon exchanges
        return services;
    }
}
