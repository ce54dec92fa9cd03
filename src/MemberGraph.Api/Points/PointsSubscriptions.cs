using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Realtime;

namespace MemberGraph.Points;

/// <summary><c>pointsChanged</c>: the signed-in member's points as they move.</summary>
public sealed class PointsSubscriptions : ISubscriptionFields
{
    public void AddTo(SubscriptionType subscription) =>
        subscription.Field<NonNullGraphType<PointsChangedType>>("pointsChanged")
            .Description("The signed-in member's points moved (an order earned them, pending points were released, a redemption, " +
                         "an exchange, an expiry, a refund): the new totals and the ledger entry. Sent after the change committed.")
            .Authorize(Roles.Member)
            .ResolveStreamAsync(async ctx => (await SubscriberStreams.MemberEventsAsync(ctx)).OfType<PointsChanged>());
}

public sealed class PointsChangedType : ObjectGraphType<PointsChanged>
{
    public PointsChangedType()
    {
        Name = "PointsChanged";
        Description = "A move of the member's points, with the totals right after it.";
        Field<NonNullGraphType<LongGraphType>>("balance").Description("Points available to spend after the change.").Resolve(ctx => ctx.Source.Balance);
        Field<NonNullGraphType<LongGraphType>>("pending").Description("Points still inside their return window after the change.").Resolve(ctx => ctx.Source.Pending);
        Field<NonNullGraphType<PointsEntryType>>("entry").Description("The ledger entry that moved them.").Resolve(ctx => ctx.Source.Entry);
        Field(e => e.OccurredAt).Description("When the change committed (UTC).");
    }
}
