using MemberGraph.Realtime;

namespace MemberGraph.Guides;

/// <summary>A member got a new relationship with a guide (WeCom add-contact, QR scan, share link, assignment, transfer).</summary>
public sealed record CustomerBound(long GuideId, long MemberId, long RelationshipId, GuideRelationshipKind Kind, RelationshipSource Source, DateTime OccurredAt)
    : DomainEvent($"guide:{GuideId}", OccurredAt);
