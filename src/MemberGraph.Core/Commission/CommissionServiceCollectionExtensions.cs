using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Commission;

public static class CommissionServiceCollectionExtensions
{
    /// <summary>Commission rules (section <c>Commission</c>), commission in the order transaction, clawback on refunds, settlement.</summary>
    public static IServiceCollection AddCommission(this IServiceCollection services)
    {
        services.AddOptions<CommissionOptions>().BindConfiguration(CommissionOptions.Section);
        services.AddSingleton<CommissionRules>();
        services.AddSingleton<CommissionBook>();
        services.AddSingleton<OrderAttributor>();
        services.AddSingleton<OrderCommission>();
        services.AddDomainEventHandler<OrderRecording, AttributeOrder>();
        services.AddDomainEventHandler<OrderRecorded, EarnCommissionOnOrder>();
        services.AddSingleton<CommissionSettlement>();
        services.AddDomainEventHandler<OrderRefunding, PlanClawback>();
        services.AddDomainEventHandler<OrderRefunded, CommissionClawback>();
        return services;
    }
}
