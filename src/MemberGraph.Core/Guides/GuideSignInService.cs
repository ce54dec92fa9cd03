using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Tencent.WeCom;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

public sealed record GuideSignIn(IssuedToken Token, Guide Guide);

/// <summary>
/// <c>signInWithWeCom</c>: the sidebar's OAuth <c>code</c> → <c>auth/getuserinfo</c> → the corp member's userid → the
/// active guide with that WeCom user id → a guide token (guide id + store id).
/// </summary>
public sealed class GuideSignInService(IDbContextFactory<MemberGraphDb> factory, WeComClient wecom, TokenIssuer tokens, ILogger<GuideSignInService> logger)
{
    public async Task<Outcome<GuideSignIn>> SignInAsync(string code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 512)
        {
            return Outcome<GuideSignIn>.Refused(UserErrorCode.InvalidInput, "The code from the WeCom OAuth redirect is required (at most 512 characters).", "code");
        }

        var result = await wecom.GetUserInfoAsync(code, cancellationToken);
        if (!result.Succeeded)
        {
            return WeComUserErrors.From(result.Failure!, "code");
        }

        if (result.Value!.UserId is not { Length: > 0 } userId)
        {
            return Outcome<GuideSignIn>.Refused(UserErrorCode.NotFound, "This WeCom user is not a member of the corp, so not a guide.", "code");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var guide = await db.Guides.AsNoTracking().FirstOrDefaultAsync(g => g.WeComUserId == userId, cancellationToken);
        if (guide is null)
        {
            logger.LogInformation("WeCom sign-in by corp member {UserId} refused: not a guide", userId);
            return Outcome<GuideSignIn>.Refused(UserErrorCode.NotFound, "This WeCom account is not a guide of any store.", "code");
        }

        if (guide.Status != GuideStatus.Active)
        {
            logger.LogInformation("WeCom sign-in by guide {GuideId} refused: resigned", guide.Id);
            return Outcome<GuideSignIn>.Refused(UserErrorCode.GuideResigned, "This guide has left the store and can no longer sign in.", "code");
        }

        var token = tokens.Issue(new TokenSubject(Roles.Guide, GuideId: guide.Id, StoreId: guide.StoreId));
        return Outcome<GuideSignIn>.Ok(new GuideSignIn(token, guide));
    }
}
