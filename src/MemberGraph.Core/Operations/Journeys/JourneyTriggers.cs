using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Tiers;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// The n-th purchase: when an order is recorded (a replay raises nothing), the member's orders are counted (this one
/// included) and the member enrols in each active NTH_PURCHASE journey whose n is that count; the occurrence is the
/// order, so a member enrols once per journey for it. The journeys were read before the order's write turn
/// (<see cref="FindNthPurchaseJourneys"/>); the count is read here, in the order's transaction, where it sees this order.
/// </summary>
public sealed class EnrolOnNthPurchase(JourneyEnroller enroller) : IDomainEventHandler<OrderRecorded>
{
    public async Task HandleAsync(OrderRecorded domainEvent, UnitOfWork work, CancellationToken cancellationToken)
    {
        var journeys = work.Noted<NthPurchaseJourneys>(domainEvent.Order)?.Journeys
            ?? await JourneyEnroller.ActiveAsync(work, JourneyTriggerKind.NthPurchase, cancellationToken);
        if (journeys.Count == 0)
        {
            return;
        }

        var memberId = domainEvent.Order.MemberId;
        var purchases = await JourneyReads.PurchasesOfAsync(work.Db, memberId, cancellationToken);
        var reached = journeys.Where(j => j.TriggerPurchaseNumber == purchases).ToList();
        if (reached.Count > 0)
        {
            await enroller.EnrolAsync(work, reached, memberId, $"order:{domainEvent.Order.Id}", cancellationToken);
        }
    }
}

/// <summary>A new member: enrols in the REGISTERED journeys, once (the occurrence is the registration).</summary>
public sealed class EnrolOnRegistration(JourneyEnroller enroller) : IDomainEventHandler<MemberRegistered>
{
    public Task HandleAsync(MemberRegistered domainEvent, UnitOfWork work, CancellationToken cancellationToken) =>
        enroller.EnrolAsync(work, JourneyTriggerKind.Registered, domainEvent.MemberId, "registered", null, cancellationToken);
}

/// <summary>A tier change: the occurrence names the level reached and the day (China time is not needed: one change per level per UTC day).</summary>
public sealed class EnrolOnTierChange(JourneyEnroller enroller) : IDomainEventHandler<TierChanged>
{
    public Task HandleAsync(TierChanged domainEvent, UnitOfWork work, CancellationToken cancellationToken) =>
        enroller.EnrolAsync(work, JourneyTriggerKind.TierChanged, domainEvent.MemberId,
            $"tier:{domainEvent.ToLevel}:{domainEvent.OccurredAt:yyyy-MM-dd}", null, cancellationToken);
}

/// <summary>A coupon announced as expiring soon: the occurrence is the coupon.</summary>
public sealed class EnrolOnCouponExpiring(JourneyEnroller enroller) : IDomainEventHandler<CouponExpiringSoon>
{
    public Task HandleAsync(CouponExpiringSoon domainEvent, UnitOfWork work, CancellationToken cancellationToken) =>
        enroller.EnrolAsync(work, JourneyTriggerKind.CouponExpiring, domainEvent.MemberId, $"coupon-expiring:{domainEvent.CouponId}", null, cancellationToken);
}

/// <summary>A member bound to a guide: the occurrence is the relationship.</summary>
public sealed class EnrolOnCustomerBound(JourneyEnroller enroller) : IDomainEventHandler<CustomerBound>
{
    public Task HandleAsync(CustomerBound domainEvent, UnitOfWork work, CancellationToken cancellationToken) =>
        enroller.EnrolAsync(work, JourneyTriggerKind.BoundToGuide, domainEvent.MemberId, $"bound:{domainEvent.RelationshipId}", null, cancellationToken);
}
