using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.Points;

namespace MemberGraph.Partners;

/// <summary>
/// The federation entity <c>PartnerMember</c>: a member as the calling partner sees them, with benefit fields only. Each
/// benefit field is guarded twice: by a scope of the partner's token (<see cref="PartnerScopeAuthorization"/>, checked
/// first) and by the member's consent to this partner for a purpose (<see cref="Consenting"/>, read at this request).
/// Either missing makes that field null with AUTH_NOT_AUTHORIZED at its own path, and the message says which.
/// </summary>
public sealed class PartnerMemberType : ObjectGraphType<PartnerMember>
{
    public PartnerMemberType()
    {
        Name = "PartnerMember";
        Description = "A member as a partner sees them: only while they consent to it, under an id made for that partner alone. A " +
                      "federation entity keyed by that id: a partner's gateway resolves it through _entities, which answers only the " +
                      "calling partner's members with live consent (any other is null with AUTH_NOT_AUTHORIZED at its path). id, " +
                      "displayName and purposes need any partner scope; each benefit field needs its own scope and the member's " +
                      "consent for its purpose, and without either it is null with AUTH_NOT_AUTHORIZED at its own path (the message " +
                      "says whether the scope or the consent is missing).";
        this.ReadableBy(Roles.Partner);
        this.RecordsReadsOf(m => m.MemberId); // every entity a partner reads goes to the access log
        this.Key("id");
        this.ResolveReference<PartnerMemberRepresentation, PartnerMember>((ctx, rep) =>
            ctx.PartnerMemberByPairwiseId().Load(rep.Id).Then<PartnerMember?, PartnerMember?>(found => found ?? throw NotThisPartners()));
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The member's pairwise id for this partner: random, stable across revocations and new grants, different for " +
                         "every partner, and nothing like the member's own id.")
            .Resolve(ctx => ctx.Source.PairwiseId);
        Field(m => m.DisplayName).Description("The display name, masked: the first character and two stars (张**).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartnerConsentPurposeType>>>>("purposes")
            .Description("What the member consents to share with this partner now.")
            .Resolve(ctx => ctx.Source.Purposes);

        Field<StringGraphType>("tierName")
            .Description("The member's tier name (银卡, 金卡, ...). Needs the scope benefits:read and the member's BENEFITS consent; " +
                         "without either, null with AUTH_NOT_AUTHORIZED here.")
            .RequireScope(PartnerScope.BenefitsRead)
            .Resolve(ctx => Consenting(ctx, PartnerConsentPurpose.Benefits, "the tier").TierName);
        Field<ListGraphType<NonNullGraphType<PartnerCouponType>>>("coupons")
            .Description($"The member's coupons of this partner's own PARTNER benefits — never another partner's, never the brand's " +
                         $"own — newest first, at most {PartnerCoupon.MostListed}. Needs the scope benefits:read and the member's " +
                         "BENEFITS consent; without either, null with AUTH_NOT_AUTHORIZED here.")
            .Argument<CouponStatusType>("status", "Only coupons with this status now (an AVAILABLE coupon past its window is EXPIRED).")
            .RequireScope(PartnerScope.BenefitsRead)
            .Resolve(ctx =>
            {
                var member = Consenting(ctx, PartnerConsentPurpose.Benefits, "the coupons");
                return ctx.PartnerCouponsByMember(ctx.GetArgument<CouponStatus?>("status")).Load((member.MemberId, member.PartnerId));
            });
        Field<PartnerPointsType>("points")
            .Description("The member's points, to exchange with this partner. Needs the scope points:exchange and the member's " +
                         "POINTS_EXCHANGE consent; without either, null with AUTH_NOT_AUTHORIZED here.")
            .RequireScope(PartnerScope.PointsExchange)
            .Resolve(ctx => ctx.AccountByMember().Load(Consenting(ctx, PartnerConsentPurpose.PointsExchange, "the points").MemberId));
    }

    private static RequestRefusedException NotThisPartners() =>
        RequestRefusedException.NotAuthorized("see this PartnerMember: it is not a member of this partner who consents to it now");

    /// <summary>
    /// The member, while they consent to this partner for <paramref name="purpose"/> (as read at this request: a revocation
    /// counts from the partner's next request); otherwise the field is refused at its path.
    /// </summary>
    private static PartnerMember Consenting(IResolveFieldContext<PartnerMember> ctx, PartnerConsentPurpose purpose, string what) =>
        ctx.Source.ConsentsTo(purpose)
            ? ctx.Source
            : throw GraphQLRequestError.NotAuthorized(
                $"see {what} of this member: they do not consent to {ConstantCase.Of(purpose)} with this partner now");
}

/// <summary>What a gateway sends in <c>_entities</c> for a <c>PartnerMember</c>: its key, the pairwise id.</summary>
public sealed class PartnerMemberRepresentation
{
    public string Id { get; set; } = "";
}
