using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Members;

public static class MemberServiceCollectionExtensions
{
    /// <summary>
    /// OneID (resolution and merges), member sign-in, the member reader, member codes, the member's last activity on
    /// orders. Every feature owning member-linked rows registers its <see cref="IMergeParticipant"/> in its own <c>AddX</c>.
    /// </summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddSingleton<OneIdService>();
        services.AddSingleton<MemberMerger>();
        services.AddSingleton<IMergeParticipant, IdentityMergeParticipant>();
        services.AddTransient<MemberSignInService>();
        services.AddSingleton<MemberReader>();
        services.AddSingleton<MemberCodeService>();
        services.AddSingleton<ErasedMemberTokens>();
        services.AddDomainEventHandler<OrderRecorded, TouchMemberOnOrder>();
        services.AddDomainEventHandler<OrderRefunded, TouchMemberOnOrder>();
        return services;
    }
}
