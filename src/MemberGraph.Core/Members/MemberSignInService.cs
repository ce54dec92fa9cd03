using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Tencent.WeChat;

namespace MemberGraph.Members;

/// <summary>A member signed in: who they are now and the gateway token to call with from here on.</summary>
public sealed record SignedInMember(Member Member, IssuedToken Token, bool Switched);

/// <summary>
/// Mini-program sign-in: the <c>wx.login</c> code becomes openid/unionid identities, OneID finds or creates the
/// member, and the gateway issues its own member token. Binding the phone authorised through
/// <c>getPhoneNumber</c> registers the member, merging with whoever already has that phone (the older survives).
/// </summary>
public sealed class MemberSignInService(WeChatClient wechat, OneIdService oneId, TokenIssuer tokens, TimeProvider clock)
{
    public async Task<Outcome<SignedInMember>> SignInWithWeChatAsync(string code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 128)
        {
            return Outcome<SignedInMember>.Refused(UserErrorCode.InvalidInput, "Pass the code wx.login gave the mini-program.", "code");
        }

        var session = await wechat.Code2SessionAsync(code, cancellationToken);
        if (!session.Succeeded)
        {
            return session.Error!;
        }

        var (openId, unionId) = session.Value!;
        List<IdentityKey> identities = [new(IdentityChannel.WechatOpenid, openId)];
        if (unionId is not null)
        {
            identities.Add(new(IdentityChannel.WechatUnionid, unionId));
        }

        var actor = Caller.Anonymous with { Subject = $"wechat:{Masking.ExternalId(openId)}" };
        var resolution = await oneId.ResolveAsync(new ResolveRequest(identities, "signInWithWeChat")
        {
            Update = member => member.AuthorizedMiniProgram = true,
        }, actor, cancellationToken);

        return Outcome<SignedInMember>.Ok(Issue(resolution.Member, switched: false));
    }

    public async Task<Outcome<SignedInMember>> BindPhoneAsync(Caller caller, string phoneCode, CancellationToken cancellationToken)
    {
        var memberId = caller.MemberId ?? throw RequestRefusedException.NotAuthorized("bind a phone without a member id in the token");
        if (string.IsNullOrWhiteSpace(phoneCode) || phoneCode.Length > 128)
        {
            return Outcome<SignedInMember>.Refused(UserErrorCode.InvalidInput, "Pass the code getPhoneNumber gave the mini-program.", "phoneCode");
        }

        var current = await oneId.CurrentMemberAsync(memberId, cancellationToken);
        if (current is not { Status: MemberStatus.Active })
        {
            return Outcome<SignedInMember>.Refused(UserErrorCode.NotFound, "This member no longer exists; sign in again.");
        }

        var phone = await wechat.GetPhoneNumberAsync(phoneCode, cancellationToken);
        if (!phone.Succeeded)
        {
            return phone.Error!;
        }

        var number = phone.Value!.PurePhoneNumber;
        var now = clock.GetUtcNow().UtcDateTime;
        var resolution = await oneId.ResolveAsync(new ResolveRequest([new(IdentityChannel.Phone, number)], "bindPhone")
        {
            KnownMemberId = current.Id,
            Update = member =>
            {
                member.Phone = number;
                member.RegisteredAt ??= now;
            },
        }, caller, cancellationToken);

        return Outcome<SignedInMember>.Ok(Issue(resolution.Member, switched: resolution.Member.Id != memberId));
    }

    private SignedInMember Issue(Member member, bool switched) =>
        new(member, tokens.Issue(new TokenSubject(Roles.Member, MemberId: member.Id)), switched);
}
