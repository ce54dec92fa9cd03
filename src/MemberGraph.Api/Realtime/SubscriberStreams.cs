using GraphQL;
using MemberGraph.GraphQL;
using MemberGraph.Members;

namespace MemberGraph.Realtime;

/// <summary>
/// The event stream of a subscription field: the caller's <see cref="OwnEvents"/>, resolved once, when the subscription
/// starts.
/// </summary>
public static class SubscriberStreams
{
    /// <summary>
    /// The signed-in member's events. When the token's member was merged since, the survivor's fields show unmasked
    /// in the events, as they do for <c>me</c>.
    /// </summary>
    public static async Task<IObservable<IntegrationEvent>> MemberEventsAsync(IResolveFieldContext context)
    {
        var (memberId, events) = await context.Service<OwnEvents>().OfMemberAsync(context.Caller(), context.CancellationToken);
        if (memberId != context.Caller().MemberId)
        {
            MemberSelf.Vouch(context, memberId);
        }

        return events;
    }

    /// <summary>The signed-in guide's events.</summary>
    public static IObservable<IntegrationEvent> GuideEvents(IResolveFieldContext context) => context.Service<OwnEvents>().OfGuide(context.Caller());
}
