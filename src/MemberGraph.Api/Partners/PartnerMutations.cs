using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Partners;

public sealed class PartnerMutations(PartnerService partners, PartnerConsentService consents) : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<RegisterPartnerPayloadType>>("registerPartner")
            .Description("Admins: registers a partner mall or store; the payload shows its client id and, once only, its secret " +
                         "(errors: INVALID_INPUT, PARTNER_NAME_TAKEN). Audited.")
            .Argument<NonNullGraphType<RegisterPartnerInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx => PartnerSecretPayload.From(
                await partners.RegisterAsync(ctx.Caller(), ctx.GetArgument<RegisterPartnerInput>("input"), ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<RotatePartnerSecretPayloadType>>("rotatePartnerSecret")
            .Description("Admins: gives a partner a new secret, shown once. The old secret is refused at once (invalid_client), and so " +
                         "are the tokens issued with it, from their next request (AUTH_NOT_AUTHENTICATED). Audited.")
            .Argument<NonNullGraphType<RotatePartnerSecretInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx => PartnerSecretPayload.From(
                await partners.RotateSecretAsync(ctx.Caller(), ctx.GetArgument<RotatePartnerSecretInput>("input").PartnerId, ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<SetPartnerStatusPayloadType>>("setPartnerStatus")
            .Description("Admins: suspends a partner (sign-in and its tokens refused, no new consents; members' consents stay and can " +
                         "be revoked) or makes it active again. Audited.")
            .Argument<NonNullGraphType<SetPartnerStatusInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx => PartnerPayload.From(
                await partners.SetStatusAsync(ctx.Caller(), ctx.GetArgument<SetPartnerStatusInput>("input"), ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<GrantPartnerConsentPayloadType>>("grantPartnerConsent")
            .Description("Members, in the mini-program: share with a partner for a purpose. The first consent to a partner gives the member " +
                         "a pairwise id for it. Granting a live consent again changes nothing and writes no ledger entry. Errors: " +
                         "NOT_FOUND (partner), PARTNER_SUSPENDED. Audited.")
            .Argument<NonNullGraphType<PartnerConsentInputType>>("input")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx => PartnerConsentPayload.From(await consents.GrantAsync(
                ctx.Caller(), ctx.GetArgument<PartnerConsentInput>("input"), ConsentChannel.MiniProgram, ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<RevokePartnerConsentPayloadType>>("revokePartnerConsent")
            .Description("Members, in the mini-program: stop sharing with a partner for a purpose. The partner no longer finds the member " +
                         "for it from its next request. Revoking a consent that is not live changes nothing. Audited.")
            .Argument<NonNullGraphType<PartnerConsentInputType>>("input")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx => PartnerConsentPayload.From(await consents.RevokeAsync(
                ctx.Caller(), ctx.GetArgument<PartnerConsentInput>("input"), ConsentChannel.MiniProgram, ctx.CancellationToken)));
    }
}
