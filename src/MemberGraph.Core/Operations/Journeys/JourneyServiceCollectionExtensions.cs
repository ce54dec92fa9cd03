using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Tags.Tagging;
using MemberGraph.Tiers;

namespace MemberGraph.Operations.Journeys;

public static class JourneyServiceCollectionExtensions
{
    /// <summary>
    /// Journeys: definitions, the trigger handlers that enrol members in the triggering transaction, and the advance pass
    /// (the <c>journey-advance</c> job is found with the other jobs). Added after the features whose events it hears, so
    /// that an order's enrolment sees the order's points and tier already written.
    /// </summary>
    public static IServiceCollection AddJourneys(this IServiceCollection services)
    {
        services.AddSingleton<JourneyValidation>();
        services.AddSingleton<JourneyService>();
        services.AddSingleton<JourneyEnroller>();
        services.AddSingleton<JourneyConditions>();
        services.AddSingleton<JourneyMessages>();
        services.AddSingleton<JourneyAct>();
        services.AddSingleton<JourneyAdvance>();
        services.AddSingleton<SegmentEntryDetection>();
        services.AddSingleton<ITaggingRunListener, EnrolOnSegmentEntry>();
        services.AddDomainEventHandler<OrderRecording, FindNthPurchaseJourneys>();
        services.AddDomainEventHandler<OrderRecorded, EnrolOnNthPurchase>();
        services.AddDomainEventHandler<MemberRegistered, EnrolOnRegistration>();
        services.AddDomainEventHandler<TierChanged, EnrolOnTierChange>();
        services.AddDomainEventHandler<CouponExpiringSoon, EnrolOnCouponExpiring>();
        services.AddDomainEventHandler<CustomerBound, EnrolOnCustomerBound>();
        services.AddSingleton<IMergeParticipant, JourneyEnrolmentMergeParticipant>();
        return services;
    }
}
