using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>
/// The relationship rules, applied inside the caller's unit of work: a member keeps at most one open exclusive
/// guide (the database enforces it too); a new guide becomes the exclusive one only while there is none, otherwise a
/// follow; relationships are never deleted, only ended with a reason.
/// </summary>
public static class GuideRelationships
{
    public const string Transferred = "transferred";
    public const string GuideDeletedCustomer = "guide_deleted_customer";
    public const string CustomerDeletedGuide = "customer_deleted_guide";
    public const string BecameExclusive = "became_exclusive";

    /// <summary>
    /// The open relationship between the member and the guide; opened (tracked, not saved) when there is none.
    /// <paramref name="kind"/> forces the kind; by default it is exclusive when the member has no exclusive guide.
    /// </summary>
    public static async Task<(GuideRelationship Relationship, bool Opened)> OpenAsync(MemberGraphDb db, long memberId, long guideId,
        RelationshipSource source, string? sourceDetail, DateTime now, CancellationToken cancellationToken, GuideRelationshipKind? kind = null)
    {
        var rows = await db.GuideRelationships.Where(r => r.MemberId == memberId && r.EndedAt == null).ToListAsync(cancellationToken);

        // Tracked rows the caller ended in this unit of work (not saved yet) no longer count.
        var open = rows.Where(r => r.EndedAt is null).ToList();
        var existing = open.FirstOrDefault(r => r.GuideId == guideId);
        var wanted = kind ?? (open.Any(r => r.Kind == GuideRelationshipKind.Exclusive) ? GuideRelationshipKind.Follow : GuideRelationshipKind.Exclusive);

        if (existing is not null && !(existing.Kind == GuideRelationshipKind.Follow && wanted == GuideRelationshipKind.Exclusive))
        {
            return (existing, false);
        }

        if (existing is not null)
        {
            // A follow promoted to exclusive: the follow ends and the exclusive relationship starts now.
            End(existing, BecameExclusive, now);
        }

        var relationship = new GuideRelationship
        {
            MemberId = memberId,
            GuideId = guideId,
            Kind = wanted,
            Source = source,
            SourceDetail = sourceDetail is { Length: > 64 } ? sourceDetail[..64] : sourceDetail,
            Since = now,
        };
        db.GuideRelationships.Add(relationship);
        return (relationship, true);
    }

    /// <summary>Ends every open relationship between the member and the guide (tracked, not saved).</summary>
    public static async Task<IReadOnlyList<GuideRelationship>> EndAsync(MemberGraphDb db, long memberId, long guideId, string reason, DateTime now, CancellationToken cancellationToken)
    {
        var open = await db.GuideRelationships
            .Where(r => r.MemberId == memberId && r.GuideId == guideId && r.EndedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var relationship in open)
        {
            End(relationship, reason, now);
        }

        return open;
    }

    public static void End(GuideRelationship relationship, string reason, DateTime now)
    {
        relationship.EndedAt = now;
        relationship.EndReason = reason;
    }

    /// <summary>True when the database refused a second open exclusive guide or a duplicate key: retry or treat as a replay.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => DbErrors.IsUniqueViolation(exception);
}
