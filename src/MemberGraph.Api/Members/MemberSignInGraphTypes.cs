using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Members;

public sealed class SignInWithWeChatInput
{
    public string Code { get; set; } = "";
}

public sealed class SignInWithWeChatInputType : InputObjectGraphType<SignInWithWeChatInput>
{
    public SignInWithWeChatInputType()
    {
        Name = "SignInWithWeChatInput";
        Description = "The mini-program's wx.login result.";
        Field(i => i.Code).Description("The code wx.login returned (valid 5 minutes, usable once).");
    }
}

public sealed class BindPhoneInput
{
    public string PhoneCode { get; set; } = "";
}

public sealed class BindPhoneInputType : InputObjectGraphType<BindPhoneInput>
{
    public BindPhoneInputType()
    {
        Name = "BindPhoneInput";
        Description = "The phone number the member authorised in the mini-program.";
        Field(i => i.PhoneCode).Description("The code of the getPhoneNumber button event (valid 5 minutes, usable once).");
    }
}

/// <summary>The answer of a sign-in or phone binding: the member and the token to use from now on, or why not.</summary>
public sealed record SignInPayload(SignedInMember? SignedIn, IReadOnlyList<UserError> Errors) : IPayload
{
    public static SignInPayload From(Domain.Outcome<SignedInMember> outcome) =>
        new(outcome.Value, outcome.Error is { } error ? [error] : []);
}

public sealed class SignInWithWeChatPayloadType : PayloadGraphType<SignInPayload>
{
    public SignInWithWeChatPayloadType()
    {
        Name = "SignInWithWeChatPayload";
        Description = "The signed-in member and the gateway token for every further request.";
        SignInFields.AddTo(this);
    }
}

public sealed class BindPhonePayloadType : PayloadGraphType<SignInPayload>
{
    public BindPhonePayloadType()
    {
        Name = "BindPhonePayload";
        Description = "The registered member. When the phone already belonged to an older member the two were merged: " +
                      "switchedMember is true and the client must replace its token with this one.";
        SignInFields.AddTo(this);
        Field<NonNullGraphType<BooleanGraphType>>("switchedMember")
            .Description("True when the signed-in member was merged into the phone's existing member: use the new token.")
            .Resolve(ctx => ctx.Source.SignedIn?.Switched ?? false);
    }
}

internal static class SignInFields
{
    public static void AddTo(ObjectGraphType<SignInPayload> payload)
    {
        payload.Field<StringGraphType>("token")
            .Description("Bearer token of the member (send as 'Authorization: Bearer <token>'); null when refused.")
            .Resolve(ctx => ctx.Source.SignedIn?.Token.Token);
        payload.Field<DateTimeGraphType>("expiresAt")
            .Description("When the token stops working (UTC); sign in again before.")
            .Resolve(ctx => ctx.Source.SignedIn?.Token.ExpiresAt.UtcDateTime);
        payload.Field<MemberType>("member")
            .Description("The member the token is for; null when refused.")
            .Resolve(ctx =>
            {
                if (ctx.Source.SignedIn?.Member is { } member)
                {
                    // The caller just proved to be this member: show them their own data.
                    MemberSelf.Vouch(ctx, member.Id);
                    return member;
                }

                return null;
            });
    }
}
