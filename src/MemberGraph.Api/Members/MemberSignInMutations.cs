using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Members;

/// <summary>Mini-program sign-in and phone registration.</summary>
public sealed class MemberSignInMutations : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<SignInWithWeChatPayloadType>>("signInWithWeChat")
            .Description("Signs in from the mini-program with the wx.login code: finds or creates the member (OneID) and returns a member token.")
            .Argument<NonNullGraphType<SignInWithWeChatInputType>>("input")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SignInWithWeChatInput>("input");
                var outcome = await ctx.Service<MemberSignInService>().SignInWithWeChatAsync(input.Code, ctx.CancellationToken);
                return SignInPayload.From(outcome);
            });

        mutation.Field<NonNullGraphType<BindPhonePayloadType>>("bindPhone")
            .Description("Registers the signed-in member with the phone number authorised through getPhoneNumber. " +
                         "If an older member already has that phone the two are merged and a token for the survivor is returned.")
            .Argument<NonNullGraphType<BindPhoneInputType>>("input")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<BindPhoneInput>("input");
                var outcome = await ctx.Service<MemberSignInService>().BindPhoneAsync(ctx.Caller(), input.PhoneCode, ctx.CancellationToken);
                return SignInPayload.From(outcome);
            });
    }
}
