using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Partners;

public sealed class PartnerType : ObjectGraphType<Partner>
{
    public PartnerType()
    {
        Name = "Partner";
        Description = "A partner mall or store that members may share benefits with (权益互通). Members see its id and name on their " +
                      "consents; everything else is for admins.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Partner", ctx.Source.Id));
        Field(p => p.Name).Description("The partner's name, as members see it.");
        Field(p => p.ClientId).Description("The OAuth client_id it signs in with at POST /oauth/token (admins).").Authorize(Roles.Admin);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartnerScopeType>>>>("scopes")
            .Description("The scopes its tokens may be granted (admins).")
            .Authorize(Roles.Admin)
            .Resolve(ctx => PartnerScopes.Parse(ctx.Source.Scopes));
        Field<NonNullGraphType<PartnerStatusType>>("status").Description("ACTIVE or SUSPENDED (admins).").Authorize(Roles.Admin)
            .Resolve(ctx => ctx.Source.Status);
        Field(p => p.SecretVersion).Description("How many secrets it has had; its tokens name the one they were issued under (admins).")
            .Authorize(Roles.Admin);
        Field(p => p.CreatedAt).Description("When it was registered (admins).").Authorize(Roles.Admin);
        Field(p => p.SecretRotatedAt).Description("When its current secret was issued (admins).").Authorize(Roles.Admin);
    }
}

public sealed class PartnerConnectionType : ConnectionType<PartnerType>
{
    public PartnerConnectionType() => Description = "A page of partners.";
}

public sealed class PartnerConsentLedgerConnectionType : ConnectionType<PartnerConsentLedgerEntryType>
{
    public PartnerConsentLedgerConnectionType() => Description = "A page of a member's partner consent ledger.";
}

public sealed class PartnerScopeType : EnumerationGraphType<PartnerScope>
{
    public PartnerScopeType()
    {
        Name = "PartnerScope";
        Description = "What a partner token may be used for, with its OAuth scope word: BENEFITS_READ (benefits:read) the benefits a " +
                      "consenting member shares, BENEFITS_REDEEM (benefits:redeem) writing off the partner's benefits, POINTS_EXCHANGE " +
                      "(points:exchange) points of a member consenting to exchange.";
    }
}

public sealed class PartnerStatusType : EnumerationGraphType<PartnerStatus>
{
    public PartnerStatusType()
    {
        Name = "PartnerStatus";
        Description = "ACTIVE partners sign in and reach their consenting members; SUSPENDED ones are refused at sign-in, their tokens " +
                      "are refused, and members cannot grant them consent.";
    }
}

public sealed class PartnerConsentPurposeType : EnumerationGraphType<PartnerConsentPurpose>
{
    public PartnerConsentPurposeType()
    {
        Name = "PartnerConsentPurpose";
        Description = "What a member shares with a partner: BENEFITS (tier and the benefits the brand shares with it), POINTS_EXCHANGE " +
                      "(exchanging points with it).";
    }
}

public sealed class ConsentChannelType : EnumerationGraphType<ConsentChannel>
{
    public ConsentChannelType()
    {
        Name = "ConsentChannel";
        Description = "Where a consent was given or withdrawn: MINI_PROGRAM (the member in the mini-program), WECHAT_PLATFORM (WeChat " +
                      "refused a subscribe message because the member no longer accepts its template), ERASURE (withdrawn because " +
                      "the member asked to be erased, or was).";
    }
}

public sealed class PartnerConsentActionType : EnumerationGraphType<PartnerConsentAction>
{
    public PartnerConsentActionType()
    {
        Name = "PartnerConsentAction";
        Description = "GRANTED or REVOKED.";
    }
}

public sealed class PartnerConsentType : ObjectGraphType<PartnerConsent>
{
    public PartnerConsentType()
    {
        Name = "PartnerConsent";
        Description = "A member's live consent to share with a partner for a purpose; the partner sees the member from its next request " +
                      "until the consent is revoked.";
        Field<NonNullGraphType<PartnerType>>("partner").Description("Whom the member shares with.")
            .Resolve(ctx => ctx.PartnerById().Load(ctx.Source.PartnerId));
        Field<NonNullGraphType<PartnerConsentPurposeType>>("purpose").Description("What for.").Resolve(ctx => ctx.Source.Purpose);
        Field<NonNullGraphType<ConsentChannelType>>("channel").Description("Where it was given.").Resolve(ctx => ctx.Source.Channel);
        Field(c => c.GrantedAt).Description("When it was given (UTC).");
    }
}

public sealed class PartnerConsentLedgerEntryType : ObjectGraphType<PartnerConsentLedgerEntry>
{
    public PartnerConsentLedgerEntryType()
    {
        Name = "PartnerConsentLedgerEntry";
        Description = "One change of a member's consent to a partner (PIPL): only appended, never changed. Granting a live consent again " +
                      "or revoking one that is not live writes none.";
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("Who: the member whose consent it is.")
            .Resolve(ctx => GlobalId.Encode("Member", ctx.Source.MemberId));
        Field<NonNullGraphType<PartnerType>>("partner").Description("The partner.").Resolve(ctx => ctx.PartnerById().Load(ctx.Source.PartnerId));
        Field<NonNullGraphType<PartnerConsentPurposeType>>("purpose").Description("The purpose.").Resolve(ctx => ctx.Source.Purpose);
        Field<NonNullGraphType<PartnerConsentActionType>>("action").Description("Granted or revoked.").Resolve(ctx => ctx.Source.Action);
        Field<NonNullGraphType<ConsentChannelType>>("channel").Description("Where.").Resolve(ctx => ctx.Source.Channel);
        Field(e => e.At).Description("When (UTC).");
    }
}
