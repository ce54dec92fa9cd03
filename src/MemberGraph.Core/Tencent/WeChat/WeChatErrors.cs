using MemberGraph.Domain;

namespace MemberGraph.Tencent.WeChat;

/// <summary>The platform's <c>errcode</c>s this gateway tells apart, and the user errors they become.</summary>
public static class WeChatErrors
{
    public const int SystemBusy = -1;
    public const int InvalidCredential = 40001;
    public const int InvalidAccessToken = 40014;
    public const int InvalidCode = 40029;
    public const int CodeUsed = 40163;
    public const int HighRiskUser = 40226;
    public const int AccessTokenExpired = 42001;
    public const int RateLimited = 45011;

    /// <summary><c>message/subscribe/send</c>: the user has no acceptance of this template left, or turned its messages off.</summary>
    public const int UserRefusesMessages = 43101;

    /// <summary>Worth another try after a short wait.</summary>
    public static bool IsTransient(int errcode) => errcode is SystemBusy or RateLimited;

    /// <summary>The cached access token is no longer accepted: fetch a new one.</summary>
    public static bool IsTokenRejected(int errcode) => errcode is InvalidCredential or InvalidAccessToken or AccessTokenExpired;

    public static UserError ToUserError(int errcode, string? codeField) => errcode switch
    {
        InvalidCode => new(UserErrorCode.WechatCodeInvalid, "The WeChat code is invalid or has expired; ask WeChat for a new one and try again.", codeField),
        CodeUsed => new(UserErrorCode.WechatCodeUsed, "This WeChat code was already used; ask WeChat for a new one and try again.", codeField),
        RateLimited => new(UserErrorCode.WechatRateLimited, "WeChat is limiting how often this can be done; try again in a minute."),
        HighRiskUser => new(UserErrorCode.WechatRiskControl, "WeChat's risk control blocked this sign-in."),
        SystemBusy => new(UserErrorCode.WechatBusy, "WeChat is busy; try again in a moment."),
        _ => Unavailable(),
    };

    public static UserError Unavailable() =>
        new(UserErrorCode.WechatUnavailable, "WeChat cannot be reached right now; try again in a moment.");
}
