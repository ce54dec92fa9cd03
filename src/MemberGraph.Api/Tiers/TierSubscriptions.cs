using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Realtime;

namespace MemberGraph.Tiers;

/// <summary><c>tierChanged</c>: the signed-in member's level as it changes.</summary>
public sealed class TierSubscriptions : ISubscriptionFields
{
    public void AddTo(SubscriptionType subscription) =>
        subscription.Field<NonNullGraphType<TierChangedType>>("tierChanged")
            .Description("The signed-in member's tier changed: an order raised it at once, or the periodic recompute raised or lowered it. " +
                         "Sent after the change committed.")
            .Authorize(Roles.Member)
            .ResolveStreamAsync(async ctx => (await SubscriberStreams.MemberEventsAsync(ctx)).OfType<TierChanged>());
}

public sealed class TierChangedType : ObjectGraphType<TierChanged>
{
    public TierChangedType()
    {
        Name = "TierChanged";
        Description = "A change of the member's level: from which level to which, and the new level's name.";
        Field(e => e.FromLevel).Description("The level before the change (0 is the base level).");
        Field(e => e.ToLevel).Description("The level now: higher after an order, higher or lower after a recompute.");
        Field(e => e.Name).Description("The name of the level now (普通, 银卡, 金卡, 黑金, ...).");
        Field(e => e.OccurredAt).Description("When the change committed (UTC).");
    }
}
