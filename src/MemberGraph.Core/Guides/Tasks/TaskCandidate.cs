using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Privacy;

namespace MemberGraph.Guides.Tasks;

/// <summary>What assigning a member's task needs to know about them, read for a whole batch in one statement.</summary>
public sealed class TaskCandidate
{
    public long MemberId { get; init; }
    public long? ExclusiveGuideId { get; init; }
    public long? ExclusiveGuideStoreId { get; init; }
    public long? LastOrderStoreId { get; init; }

    /// <summary>The member revoked guide-outreach consent and has not granted it again.</summary>
    public bool OutreachWithdrawn { get; init; }

    /// <summary>The candidates among <paramref name="members"/>: correlated sub-queries, one statement for the batch.</summary>
    public static IQueryable<TaskCandidate> Of(MemberGraphDb db, IQueryable<Member> members) =>
        members.Select(m => new TaskCandidate
        {
            MemberId = m.Id,
            ExclusiveGuideId = db.GuideRelationships
                .Where(r => r.MemberId == m.Id && r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null)
                .Select(r => (long?)r.GuideId).FirstOrDefault(),
            ExclusiveGuideStoreId = db.GuideRelationships
                .Where(r => r.MemberId == m.Id && r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null)
                .Select(r => (long?)r.Guide!.StoreId).FirstOrDefault(),
            LastOrderStoreId = db.Orders.Where(o => o.MemberId == m.Id && o.StoreId != null)
                .OrderByDescending(o => o.PaidAt).Select(o => o.StoreId).FirstOrDefault(),
            OutreachWithdrawn = db.ConsentLedger.Any(e => e.MemberId == m.Id && e.Purpose == ConsentPurpose.GuideOutreach && e.Action == ConsentAction.Revoked)
                                && !db.MarketingConsents.Any(c => c.MemberId == m.Id && c.Purpose == ConsentPurpose.GuideOutreach),
        });
}
