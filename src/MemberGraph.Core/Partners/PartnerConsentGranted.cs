using MemberGraph.Domain;

namespace MemberGraph.Partners;

/// <summary>A member granted a partner a consent they did not hold live: raised in the transaction that added it.</summary>
public sealed record PartnerConsentGranted(long MemberId, long PartnerId, PartnerConsentPurpose Purpose, ConsentChannel Channel, DateTime OccurredAt)
    : IDomainEvent;
