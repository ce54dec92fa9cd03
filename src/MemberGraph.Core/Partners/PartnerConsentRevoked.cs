using MemberGraph.Domain;

namespace MemberGraph.Partners;

/// <summary>A member withdrew a live consent from a partner: raised in the transaction that removed it.</summary>
public sealed record PartnerConsentRevoked(long MemberId, long PartnerId, PartnerConsentPurpose Purpose, ConsentChannel Channel, DateTime OccurredAt)
    : IDomainEvent;
