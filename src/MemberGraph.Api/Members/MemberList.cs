using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL.Lists;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>The rows and sort keys of <c>members(...)</c>: members the caller may see, filtered in SQL.</summary>
internal static class MemberList
{
    public static readonly SortCatalog<Member> Sorts = new(m => m.Id, SortDirection.Asc,
        SortKey<Member>.By("lastPurchaseAt", MemberFacts.LastPurchaseKey.ForRow<Member, DateTime>(m => m.Id),
            "The last purchase (an order not refunded in full); members who never bought sort as the earliest."),
        SortKey<Member>.By("spendCents", MemberFacts.SpendCents.ForRow<Member, long>(m => m.Id), "What they spent: paid minus refunded, every channel, all time."),
        SortKey<Member>.By("tier", MemberFacts.TierLevel.ForRow<Member, int>(m => m.Id), "The tier level."));

    public static IQueryable<Member> Filtered(MemberGraphDb db, Caller caller, MemberListFilter filter, DateTime now)
    {
        var members = filter.Row.Apply(db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active).VisibleTo(db, caller), db)
            .Where("registeredAt", m => m.RegisteredAt, filter.RegisteredAt);
        return filter.ApplyTo(members, m => m.Id, db, now);
    }
}

public sealed class MemberSortInputType() : SortInputType<Member>("MemberSort", "members", MemberList.Sorts);
