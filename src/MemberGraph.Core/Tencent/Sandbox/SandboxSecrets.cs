using MemberGraph.Tencent.WeChat;
using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Tencent.Sandbox;

/// <summary>
/// The credentials (and subscribe-message template ids) a sandboxed gateway uses where none are configured (documented in the README): the sandbox accepts
/// them, and <c>wecom-event</c> signs callbacks with them. Configured values win.
/// </summary>
public static class SandboxSecrets
{
    public const string WeChatAppId = "wx-sandbox-appid";
    public const string WeChatAppSecret = "sandbox-app-secret";
    public const string WeChatCouponExpiringTemplate = "sandbox-coupon-expiring";
    public const string WeComCorpId = "ww-sandbox-corp";
    public const string WeComToken = "sandbox-callback-token";
    public const string WeComEncodingAesKey = "MemberGraphSandboxEncodingAesKey0123456789A";
    public const string WeComAgentSecret = "sandbox-agent-secret";
    public const string WeComAgentId = "1000002";

    public static void Fill(WeChatOptions wechat)
    {
        wechat.AppId = Or(wechat.AppId, WeChatAppId);
        wechat.AppSecret = Or(wechat.AppSecret, WeChatAppSecret);
        wechat.SubscribeTemplates.CouponExpiring = Or(wechat.SubscribeTemplates.CouponExpiring, WeChatCouponExpiringTemplate);
    }

    public static void Fill(WeComOptions wecom)
    {
        wecom.CorpId = Or(wecom.CorpId, WeComCorpId);
        wecom.Token = Or(wecom.Token, WeComToken);
        wecom.EncodingAesKey = Or(wecom.EncodingAesKey, WeComEncodingAesKey);
        wecom.AgentSecret = Or(wecom.AgentSecret, WeComAgentSecret);
        wecom.AgentId = Or(wecom.AgentId, WeComAgentId);
    }

    private static string Or(string value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
