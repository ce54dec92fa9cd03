using MemberGraph.Domain;
using MemberGraph.Partners;

namespace MemberGraph.Privacy;

/// <summary>
/// A member accepted a subscribe-message template, withdrew its remaining acceptances, or opted in or out of guide outreach:
/// raised in the transaction of the change (once per acceptance).
/// </summary>
public sealed record MarketingConsentChanged(
    long MemberId, ConsentPurpose Purpose, string? TemplateId, ConsentAction Action, ConsentChannel Channel, DateTime OccurredAt) : IDomainEvent;
