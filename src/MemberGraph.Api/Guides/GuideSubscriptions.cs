using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Members;
using MemberGraph.Realtime;

namespace MemberGraph.Guides;

/// <summary><c>customerBound</c>: a new customer for the signed-in guide.</summary>
public sealed class GuideSubscriptions : ISubscriptionFields
{
    public void AddTo(SubscriptionType subscription) =>
        subscription.Field<NonNullGraphType<CustomerBoundType>>("customerBound")
            .Description("The signed-in guide got a customer: someone added them on WeCom, scanned their QR code, followed a share " +
                         "link, was assigned by the store or transferred from another guide. Sent after the relationship committed.")
            .Authorize(Roles.Guide)
            .ResolveStream(ctx => SubscriberStreams.GuideEvents(ctx).OfType<CustomerBound>());
}

public sealed class CustomerBoundType : ObjectGraphType<CustomerBound>
{
    public CustomerBoundType()
    {
        Name = "CustomerBound";
        Description = "A new customer of the guide, and the relationship that binds them.";
        Field<MemberType>("member").Description("The customer (null if erased since).")
            .Resolve(ctx => ctx.MemberById().Load(ctx.Source.MemberId));
        Field<GuideRelationshipType>("relationship").Description("The relationship as it is now (it may have ended since).")
            .Resolve(ctx => ctx.GuideRelationshipById().Load(ctx.Source.RelationshipId));
        Field<NonNullGraphType<GuideRelationshipKindType>>("kind").Description("Exclusive guide or follow.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<RelationshipSourceType>>("source").Description("How the customer came.").Resolve(ctx => ctx.Source.Source);
        Field(e => e.OccurredAt).Description("When the relationship committed (UTC).");
    }
}
