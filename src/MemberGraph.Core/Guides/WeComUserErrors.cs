using MemberGraph.Domain;
using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Guides;

/// <summary>WeCom failures as the user errors mutations answer with.</summary>
public static class WeComUserErrors
{
    public static UserError From(WeComFailure failure, string? field = null) => failure switch
    {
        { Kind: WeComFailureKind.Rejected, ErrCode: WeComErrCodes.InvalidCode } =>
            new UserError(UserErrorCode.WecomCodeInvalid, "The WeCom code is invalid or was already used; open the page again.", field),
        { IsTransient: true } =>
            new UserError(UserErrorCode.WecomUnavailable, "WeCom is not answering right now; try again in a moment.", field),
        _ => new UserError(UserErrorCode.WecomRejected, $"WeCom refused the request (errcode {failure.ErrCode}: {failure.Message}).", field),
    };
}
