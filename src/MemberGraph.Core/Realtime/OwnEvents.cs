using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Members;

namespace MemberGraph.Realtime;

/// <summary>
/// The events a subscriber may hear, derived from the caller's token and nothing the client sends: a member hears
/// "member:{id}" and a guide "guide:{id}". Refuses tokens that name neither.
/// </summary>
public sealed class OwnEvents(IEventBus bus, OneIdService oneId)
{
    /// <summary>
    /// The signed-in member's events and whose they are. A token of a member merged since follows the merge to the
    /// survivor (as <c>me</c> does), whose events are now the member's own.
    /// </summary>
    public async Task<(long MemberId, IObservable<IntegrationEvent> Events)> OfMemberAsync(Caller caller, CancellationToken cancellationToken)
    {
        var id = caller.MemberId ?? throw RequestRefusedException.NotAuthorized("subscribe without a member id in the token");
        var member = await oneId.CurrentMemberAsync(id, cancellationToken);
        if (member is not { Status: MemberStatus.Active })
        {
            throw RequestRefusedException.NotAuthorized("subscribe to the events of a member that no longer exists");
        }

        return (member.Id, bus.Subscribe($"member:{member.Id}"));
    }

    /// <summary>The signed-in guide's events.</summary>
    public IObservable<IntegrationEvent> OfGuide(Caller caller)
    {
        var id = caller.GuideId ?? throw RequestRefusedException.NotAuthorized("subscribe without a guide id in the token");
        return bus.Subscribe($"guide:{id}");
    }
}
