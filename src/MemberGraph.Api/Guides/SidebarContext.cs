using MemberGraph.Stores;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
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
    /// <summary>A store colleague's customer, not this guide's: the guide gets the <see cref="ReducedCard"/>.</summary>
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
            throw GraphQLRequestError.NotAuthorized("use the sidebar as a guide who is not active");
        }

        var memberId = await db.Identities.AsNoTracking()
            .Where(i => i.Channel == IdentityChannel.WecomExternalUserid && i.ExternalId == externalUserId)
            .Select(i => (long?)i.MemberId)
            .FirstOrDefaultAsync(cancellationToken);
        var member = memberId is null ? null : await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            throw new GraphQLRequestError(ErrorCodes.NotFound, "No member is known for this WeCom external user id yet.");
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
            throw GraphQLRequestError.NotAuthorized("see a customer who is neither yours nor a store colleague's");
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

public sealed class SidebarContextType : ObjectGraphType<SidebarContext>
{
    /// <summary>The fields a store colleague's customer's card answers (<see cref="ReducedCard"/>).</summary>
    private static readonly IReadOnlySet<string> ShownOnTheReducedCard =
        ReducedCard.Fields("member", "canAct", "exclusiveGuide", "serviceStore", "relationship");

    public SidebarContextType()
    {
        Name = "SidebarContext";
        Description = "The WeCom sidebar card: who the customer in the chat is and what this guide may do for them. The guide's own " +
                      "customer gets the full card; a store colleague's customer the reduced card: canAct (false), exclusiveGuide, " +
                      "serviceStore, relationship (null) and the member's id, displayName, tier, exclusiveGuide, serviceStore and status. " +
                      "Every other field is null with an AUTH_NOT_AUTHORIZED error at its path.";
        Field<NonNullGraphType<MemberType>>("member")
            .Description("The member behind the chat (tier, points, coupons, orders and tags are Member fields).")
            .Resolve(ctx => ctx.Source.Member);
        Field<StringGraphType>("maskedPhone")
            .Description("The phone number, masked (138****1234); refused on the reduced card (a store colleague's customer).")
            .Resolve(ctx => Masking.Phone(ctx.Source.Member.Phone));
        Field<ChannelStatusType>("channelStatus")
            .Description("Registered, followed the official account, authorised the mini-program, added a guide on WeCom. " +
                         "Null only where refused (a store colleague's customer).")
            .Resolve(ctx => ctx.Source.Member);
        Field<GuideType>("openingGuide")
            .Description("The guide of the customer's first relationship (开卡导购); refused on the reduced card (a store colleague's customer).")
            .Resolve(ctx => ctx.Source.OpeningGuideId is { } id ? ctx.GuideById().Load(id) : null);
        Field<GuideType>("exclusiveGuide")
            .Description("The customer's exclusive guide now, if any.")
            .Resolve(ctx => ctx.Source.ExclusiveGuideId is { } id ? ctx.GuideById().Load(id) : null);
        Field<StoreType>("serviceStore")
            .Description("The store serving the customer: the exclusive guide's store.")
            .Resolve(ctx => ctx.Source.ServiceStoreId is { } id ? ctx.StoreById().Load(id) : null);
        Field<NonNullGraphType<BooleanGraphType>>("canAct")
            .Description("True when this guide has an open relationship with the customer and may tag them or send coupons.")
            .Resolve(ctx => ctx.Source.Relationship is not null);
        Field<GuideRelationshipType>("relationship")
            .Description("This guide's open relationship with the customer; null when the guide sees them only as store colleague.")
            .Resolve(ctx => ctx.Source.Relationship);

        ReducedCard.Guard(this, ShownOnTheReducedCard, s => s.Member.Id);
    }
}
