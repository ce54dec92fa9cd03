using MemberGraph.Members;

namespace MemberGraph.Orders;

public static class OrderServiceCollectionExtensions
{
    /// <summary>Recording and refunding orders, merges, <c>Member.orders</c>. Refund listeners (coupons) register <see cref="IOrderRefundListener"/>.</summary>
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddSingleton<OrderMemberLookup>();
        services.AddSingleton<OrderService>();
        services.AddSingleton<RefundService>();
        services.AddSingleton<IMergeParticipant, OrderMergeParticipant>();
        services.AddSingleton<IMemberFields, OrderMemberFields>();
        return services;
    }
}
