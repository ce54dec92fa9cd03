using MemberGraph.Members;

namespace MemberGraph.Orders;

public static class OrderServiceCollectionExtensions
{
    /// <summary>
    /// Recording and refunding orders, merges. Other features react to orders and refunds with
    /// handlers of <see cref="OrderRecorded"/> and <see cref="OrderRefunded"/>, registered in their own <c>AddX</c>.
    /// </summary>
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddSingleton<OrderMemberLookup>();
        services.AddSingleton<OrderService>();
        services.AddSingleton<RefundService>();
        services.AddSingleton<IMergeParticipant, OrderMergeParticipant>();
        return services;
    }
}
