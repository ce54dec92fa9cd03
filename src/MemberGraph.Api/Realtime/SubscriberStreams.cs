using GraphQL;
using MemberGraph.GraphQL;
using MemberGraph.Members;

namespace MemberGraph.Realtime;

/// <summary>
/// The event streams a subscriber may listen to, derived from the caller's token and nothing the client sends:
/// a member hears "member:{id}" and a guide "guide:{id}". Resolved once, when the subscription starts.
/// </summary>
public static class SubscriberStreams
{
    /// <summary>
    /// The signed-in member's events. A token of a member merged since follows the merge to the survivor (as
    /// <c>me</c> does), whose events are now the member's own.
    /// </summary>
    public static async Task<IObservable<DomainEvent>> MemberEventsAsync(IResolveFieldContext context)
    {
        var id = context.Caller().MemberId ?? throw GraphQLRequestError.NotAuthorized("subscribe without a member id in the token");
        var member = await context.Service<OneIdService>().CurrentMemberAsync(id, context.CancellationToken);
        if (member is not { Status: MemberStatus.Active })
        {
            throw GraphQLRequestError.NotAuthorized("subscribe to the events of a member that no longer exists");
        }

        if (member.Id != id)
        {
            MemberSelf.Vouch(context, member.Id);
        }

        return context.Service<IEventBus>().Subscribe($"member:{member.Id}");
    }

    /// <summary>The signed-in guide's events.</summary>
    public static IObservable<DomainEvent> GuideEvents(IResolveFieldContext context)
    {
        var id = context.Caller().GuideId ?? throw GraphQLRequestError.NotAuthorized("subscribe without a guide id in the token");
        return context.Service<IEventBus>().Subscribe($"guide:{id}");
    }
}
