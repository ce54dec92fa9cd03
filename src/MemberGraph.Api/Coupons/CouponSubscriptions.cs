using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Realtime;

namespace MemberGraph.Coupons;

/// <summary><c>couponUpdated</c>: the signed-in member's coupons as they arrive, are used and run out.</summary>
public sealed class CouponSubscriptions : ISubscriptionFields
{
    public void AddTo(SubscriptionType subscription) =>
        subscription.Field<NonNullGraphType<CouponUpdateType>>("couponUpdated")
            .Description("One of the signed-in member's coupons changed: issued (claimed, sent by a guide, exchanged for points), " +
                         "reserved for or released from an order in payment, redeemed, given back by a full refund of its order, expired, or expiring soon. Sent after the change committed.")
            .Authorize(Roles.Member)
            .ResolveStreamAsync(async ctx => (await SubscriberStreams.MemberEventsAsync(ctx)).OfType<CouponChanged>());
}

public sealed class CouponUpdateType : ObjectGraphType<CouponChanged>
{
    public CouponUpdateType()
    {
        Name = "CouponUpdate";
        Description = "What happened to one of the member's coupons.";
        Field<NonNullGraphType<CouponChangeType>>("change").Description("What happened.").Resolve(ctx => ctx.Source.Change);
        Field<NonNullGraphType<CouponStatusType>>("status").Description("The coupon's status right after the change.").Resolve(ctx => ctx.Source.Status);
        Field(e => e.ValidUntil).Description("Usable until (UTC, exclusive): for EXPIRING_SOON, the deadline to mention.");
        Field<CouponType>("coupon").Description("The coupon as it is now (null if it no longer exists).")
            .Resolve(ctx => ctx.CouponById().Load(ctx.Source.CouponId));
        Field(e => e.OccurredAt).Description("When the change committed (UTC).");
    }
}

public sealed class CouponChangeType : EnumerationGraphType<CouponChange>
{
    public CouponChangeType()
    {
        Name = "CouponChange";
        Description = "What happened to a coupon: ISSUED, RESERVED (for an order in payment), RELEASED (usable again: payment cancelled or order refunded in full), " +
                      "REDEEMED (written off), EXPIRED, EXPIRING_SOON (a reminder before the window closes).";
    }
}
