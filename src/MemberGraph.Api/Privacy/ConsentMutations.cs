using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Partners;

namespace MemberGraph.Privacy;

public sealed class ConsentMutations(MarketingConsentService consents) : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<RecordSubscribeMessageConsentPayloadType>>("recordSubscribeMessageConsent")
            .Description("Members, in the mini-program: what wx.requestSubscribeMessage answered. Each accepted template allows one more " +
                         "message of it (WeChat's one-time templates: one acceptance, one message), each a GRANTED ledger entry; a template " +
                         "not accepted withdraws the acceptances left for it (a REVOKED entry when there were any). Errors: " +
                         "SUBSCRIBE_TEMPLATE_UNKNOWN (not one of subscribeMessageTemplates), INVALID_INPUT. Audited.")
            .Argument<NonNullGraphType<RecordSubscribeMessageConsentInputType>>("input")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx => ConsentPayload.From(await consents.RecordSubscribeMessagesAsync(
                ctx.Caller(), ctx.GetArgument<RecordSubscribeMessageConsentInput>("input"), ConsentChannel.MiniProgram, ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<RecordGuideOutreachConsentPayloadType>>("recordGuideOutreachConsent")
            .Description("Members, in the mini-program: opt in to (or out of) proactive contact by guides (GUIDE_OUTREACH). The same " +
                         "answer again changes nothing and writes no ledger entry. Audited.")
            .Argument<NonNullGraphType<RecordGuideOutreachConsentInputType>>("input")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx => ConsentPayload.From(await consents.RecordGuideOutreachAsync(
                ctx.Caller(), ctx.GetArgument<RecordGuideOutreachConsentInput>("input"), ConsentChannel.MiniProgram, ctx.CancellationToken)));
    }
}
