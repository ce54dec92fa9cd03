using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Guides;

namespace MemberGraph.Members;

/// <summary>
/// Which members a caller may read (DESIGN.md "Roles and who sees what"), as a query filter so lists are scoped in SQL:
/// <list type="bullet">
/// <item>member: only themselves;</item>
/// <item>guide: their own customers — members with an open relationship (exclusive or follow) to that guide.
/// A guide gets no store-wide view: the customers belong to the company and store-level views are the staff's. A store
/// colleague's customer (<see cref="ColleaguesCustomersOf"/>) is read one at a time, on a <see cref="ReducedCard"/>,
/// and never listed;</item>
/// <item>staff: their store's members — members with an open relationship to any guide of that store;</item>
/// <item>admin: everyone;</item>
/// <item>partner, ingestion: no one (partners read consented members through federation, with their own rules).</item>
/// </list>
/// </summary>
public static class MemberVisibility
{
    public static IQueryable<Member> VisibleTo(this IQueryable<Member> members, MemberGraphDb db, Caller caller) => caller.Role switch
    {
        Roles.Admin => members,
        Roles.Member when caller.MemberId is { } self => members.Where(m => m.Id == self),
        Roles.Guide when caller.GuideId is { } guideId => members.CustomersOf(db, guideId),
        Roles.Staff when caller.StoreId is { } storeId => members.OfStore(db, storeId),
        _ => members.Where(_ => false),
    };

    /// <summary>Members with an open relationship to the guide.</summary>
    public static IQueryable<Member> CustomersOf(this IQueryable<Member> members, MemberGraphDb db, long guideId) =>
        members.Where(m => db.GuideRelationships.Any(r => r.MemberId == m.Id && r.GuideId == guideId && r.EndedAt == null));

    /// <summary>
    /// The customers of a guide's store colleagues: an open relationship with another guide of the guide's store (active or
    /// resigned, until transferred) and none with this guide. A guide who is not active has no colleagues.
    /// </summary>
    public static IQueryable<Member> ColleaguesCustomersOf(this IQueryable<Member> members, MemberGraphDb db, long guideId) =>
        members.Where(m => !db.GuideRelationships.Any(r => r.MemberId == m.Id && r.GuideId == guideId && r.EndedAt == null)
                           && db.GuideRelationships.Any(r => r.MemberId == m.Id && r.EndedAt == null && r.GuideId != guideId
                                                             && db.Guides.Any(colleague => colleague.Id == r.GuideId
                                                                 && db.Guides.Any(self => self.Id == guideId && self.Status == GuideStatus.Active
                                                                                          && self.StoreId == colleague.StoreId))));

    /// <summary>A store's members: those with an open relationship to any guide of the store (active or resigned, until transferred).</summary>
    public static IQueryable<Member> OfStore(this IQueryable<Member> members, MemberGraphDb db, long storeId) =>
        members.Where(m => db.GuideRelationships.Any(r => r.MemberId == m.Id && r.EndedAt == null
                                                          && db.Guides.Any(g => g.Id == r.GuideId && g.StoreId == storeId)));
}
