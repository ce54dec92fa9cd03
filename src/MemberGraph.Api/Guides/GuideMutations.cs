using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Guides;

public sealed class GuideMutations : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<BindGuidePayloadType>>("bindGuide")
            .Description("Binds a guide: a member from a share link or QR scan, or staff / an admin assigning a member. The first guide is the exclusive one; later ones are follows. " +
                         "Staff assign a guide of their store only to members the store serves (its exclusive customers, buyers there within Guides:StoreAssignmentWindowDays, 180 days by default) " +
                         "who have no exclusive guide: others are AUTH_NOT_AUTHORIZED, and EXCLUSIVE_GUIDE_EXISTS says to use transferCustomers.")
            .Argument<NonNullGraphType<BindGuideInputType>>("input", "The guide and how the member came.")
            .Authorize(Roles.Member, Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<BindGuideInput>("input");
                long? guideId = null, memberId = null;
                if (input.GuideId is not null && (guideId = GlobalId.TryDecode(input.GuideId, "Guide")) is null)
                {
                    return new BindGuidePayload(null, [new UserError(UserErrorCode.InvalidInput, "guideId is not a guide id.", "guideId")]);
                }

                if (input.MemberId is not null && (memberId = GlobalId.TryDecode(input.MemberId, "Member")) is null)
                {
                    return new BindGuidePayload(null, [new UserError(UserErrorCode.InvalidInput, "memberId is not a member id.", "memberId")]);
                }

                var outcome = await ctx.Service<GuideBindingService>().BindAsync(ctx.Caller(),
                    new BindGuideRequest(input.GuideCode, guideId, memberId, input.Source, input.SourceDetail), ctx.CancellationToken);
                return new BindGuidePayload(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
            });

        mutation.Field<NonNullGraphType<SignInWithWeComPayloadType>>("signInWithWeCom")
            .Description("Guide sign-in from the WeCom sidebar: the OAuth code becomes a guide token.")
            .Argument<NonNullGraphType<SignInWithWeComInputType>>("input", "The OAuth code.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SignInWithWeComInput>("input");
                var outcome = await ctx.Service<GuideSignInService>().SignInAsync(input.Code, ctx.CancellationToken);
                return outcome.Value is { } signIn
                    ? new SignInWithWeComPayload(signIn.Token.Token, signIn.Token.ExpiresAt, signIn.Guide, [])
                    : new SignInWithWeComPayload(null, null, null, [outcome.Error!]);
            });

        mutation.Field<NonNullGraphType<CreateGuideContactWayPayloadType>>("createGuideContactWay")
            .Description("Creates the guide's WeCom contact QR code (state = guide code) so customers who scan it are bound to the guide. Idempotent.")
            .Argument<NonNullGraphType<CreateGuideContactWayInputType>>("input", "The guide.")
            .Authorize(Roles.Admin, Roles.Staff)
            .ResolveAsync(async ctx =>
            {
                if (GlobalId.TryDecode(ctx.GetArgument<GuideIdInput>("input").GuideId, "Guide") is not { } guideId)
                {
                    return new GuidePayload(null, [new UserError(UserErrorCode.InvalidInput, "guideId is not a guide id.", "guideId")]);
                }

                var outcome = await ctx.Service<GuideContactWayService>().CreateAsync(ctx.Caller(), guideId, ctx.CancellationToken);
                return new GuidePayload(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
            });
    }
}
