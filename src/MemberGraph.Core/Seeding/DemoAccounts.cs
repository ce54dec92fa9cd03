using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Partners;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>A demo member to sign in as: mini-program openid (sandbox sign-in) and, once registered, phone.</summary>
public sealed record DemoMemberAccount(long MemberId, string DisplayName, string OpenId, string? Phone);

/// <summary>A demo guide: WeCom user id, store, and external user ids of a few customers, newest first (for the sidebar).</summary>
public sealed record DemoGuideAccount(long GuideId, string Name, string WeComUserId, string GuideCode, long StoreId, string StoreCode, IReadOnlyList<string> CustomerExternalUserIds);

/// <summary>A store whose staff token opens the store tool.</summary>
public sealed record DemoStaffStore(long StoreId, string StoreCode, string StoreName, string City);

/// <summary>The people of the demo, for a newcomer to sign in as (the <c>demo-accounts</c> command prints them).</summary>
public sealed record DemoAccountList(
    IReadOnlyList<DemoMemberAccount> Members, IReadOnlyList<DemoGuideAccount> Guides, IReadOnlyList<DemoStaffStore> StaffStores, string AdminSubject)
{
    /// <summary>The demo partner malls (client ids for <c>POST /oauth/token</c>) and the phones of members consenting to them.</summary>
    public IReadOnlyList<DemoPartnerAccount> Partners { get; init; } = [];
}

/// <summary>
/// Lists demo people from the database (not from the seed's memory, so it works on any seeded data folder, and shows a
/// customer added on WeCom since): active members with a mini-program openid, oldest first; active guides who have
/// customers known on WeCom, the busiest first, with up to five of those customers' external user ids, the newest first;
/// the stores of those guides for staff; the demo partners; and the admin subject. Ids are plain numeric keys, as <c>dev-token</c> takes them.
/// </summary>
public sealed class DemoAccounts(IDbContextFactory<MemberGraphDb> factory)
{
    public const string AdminSubject = "demo-admin";
    private const int CustomersPerGuide = 5;

    public async Task<DemoAccountList> ListAsync(int take, CancellationToken cancellationToken)
    {
        take = Math.Clamp(take, 1, 100);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberStatus.Active)
            .SelectMany(m => m.Identities.Where(i => i.Channel == IdentityChannel.WechatOpenid), (m, i) => new { m.Id, m.DisplayName, OpenId = i.ExternalId, m.Phone })
            .OrderBy(m => m.Id).Take(take).ToListAsync(cancellationToken);

        var contacts = await db.GuideRelationships.AsNoTracking()
            .Where(r => r.EndedAt == null && r.Guide!.Status == GuideStatus.Active)
            .Join(db.Identities.Where(i => i.Channel == IdentityChannel.WecomExternalUserid), r => r.MemberId, i => i.MemberId, (r, i) => new { r.GuideId, r.Id, i.ExternalId })
            .ToListAsync(cancellationToken);
        var byGuide = contacts.GroupBy(c => c.GuideId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(take)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderByDescending(c => c.Id).Select(c => c.ExternalId).Distinct()
                .Take(CustomersPerGuide).ToList());
        var guideIds = byGuide.Keys.ToList();
        var guides = await db.Guides.AsNoTracking().Where(g => guideIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Name, g.WeComUserId, g.GuideCode, g.StoreId, StoreCode = g.Store!.Code, StoreName = g.Store.Name,
                g.Store.City })
            .ToListAsync(cancellationToken);

        return new DemoAccountList(
            members.ConvertAll(m => new DemoMemberAccount(m.Id, m.DisplayName, m.OpenId, m.Phone)),
            guides.OrderBy(g => guideIds.IndexOf(g.Id)).Select(g => new DemoGuideAccount(g.Id, g.Name, g.WeComUserId, g.GuideCode, g.StoreId, g.StoreCode, byGuide[g.Id])).ToList(),
            guides.DistinctBy(g => g.StoreId).OrderBy(g => g.StoreId)
                .Select(g => new DemoStaffStore(g.StoreId, g.StoreCode, g.StoreName, g.City)).ToList(),
            AdminSubject) { Partners = await DemoPartners.ListAsync(db, cancellationToken) };
    }
}
