using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>
/// The WeCom sidebar card for the customer in the chat. Fields that other features add to <c>Member</c> (tier,
/// points, coupons, orders, tags) are read through <see cref="Member"/>.
/// </summary>
public sealed record SidebarContext(
    Member Member,
    long GuideId,
    GuideRelationship? Relationship,
    long? OpeningGuideId,
    long? ExclusiveGuideId,
    long? ServiceStoreId)
{
    /// <summary>A store colleague's customer, not this guide's: the guide gets the reduced card.</summary>
    public bool Reduced => Relationship is null;
}

/// <summary>Finds the member behind a WeCom external user id and decides whether the signed-in guide may see them.</summary>
public sealed class SidebarService(IDbContextFactory<MemberGraphDb> factory)
{
    public async Task<SidebarContext> LoadAsync(Caller caller, string externalUserId, CancellationToken cancellationToken)
    {
        var guideId = GuideAccess.SignedInGuideId(caller);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var guide = await db.Guides.AsNoTracking().FirstOrDefaultAsync(g => g.Id == guideId, cancellationToken);
        if (guide is null || guide.Status != GuideStatus.Active)
        {
            throw RequestRefusedException.NotAuthorized("use the sidebar as a guide who is not active");
        }

        var memberId = await db.Identities.AsNoTracking()
            .Where(i => i.Channel == IdentityChannel.WecomExternalUserid && i.ExternalId == externalUserId)
            .Select(i => (long?)i.MemberId)
            .FirstOrDefaultAsync(cancellationToken);
        var member = memberId is null ? null : await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null or { Status: MemberStatus.Erased })
        {
            throw RequestRefusedException.NotFound("No member is known for this WeCom external user id yet.");
        }

        var relationships = await db.GuideRelationships.AsNoTracking()
            .Where(r => r.MemberId == member.Id)
            .OrderBy(r => r.Since).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var open = relationships.Where(r => r.EndedAt is null).ToList();
        var openGuideIds = open.Select(r => r.GuideId).Distinct().ToList();
        var storeByGuide = await db.Guides.AsNoTracking().Where(g => openGuideIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.StoreId, cancellationToken);

        // The rule of member(id:): the guide's own customer in full, a store colleague's on the reduced card.
        var mine = open.FirstOrDefault(r => r.GuideId == guide.Id);
        if (mine is null && !await db.Members.Where(m => m.Id == member.Id).ColleaguesCustomersOf(db, guide.Id).AnyAsync(cancellationToken))
        {
            throw RequestRefusedException.NotAuthorized("see a customer who is neither yours nor a store colleague's");
        }

        var exclusive = open.FirstOrDefault(r => r.Kind == GuideRelationshipKind.Exclusive);
        return new SidebarContext(
            member,
            guide.Id,
            mine,
            relationships.FirstOrDefault()?.GuideId,
            exclusive?.GuideId,
            exclusive is null ? null : storeByGuide[exclusive.GuideId]);
    }
}
