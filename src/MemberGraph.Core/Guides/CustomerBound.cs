using MemberGraph.Domain;
using MemberGraph.Realtime;

namespace MemberGraph.Guides;

/// <summary>
/// A member got a new relationship with a guide (WeCom add-contact, QR scan, share link, assignment, transfer): raised
/// in the transaction that opened it and, being a notification as it stands, published after the commit to
/// "guide:{id}" (<c>customerBound</c>).
/// </summary>
public sealed record CustomerBound(long GuideId, long MemberId, long RelationshipId, GuideRelationshipKind Kind, RelationshipSource Source, DateTime OccurredAt)
    : IntegrationEvent($"guide:{GuideId}", OccurredAt), IDomainEvent
{
    /// <summary>The relationship just opened (saved: it has its id).</summary>
    public static CustomerBound Of(GuideRelationship relationship, DateTime occurredAt) =>
        new(relationship.GuideId, relationship.MemberId, relationship.Id, relationship.Kind, relationship.Source, occurredAt);
}
