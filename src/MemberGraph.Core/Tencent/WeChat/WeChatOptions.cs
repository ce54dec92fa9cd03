namespace MemberGraph.Tencent.WeChat;

/// <summary>The <c>WeChat:*</c> section: the mini-program's credentials and how patiently to call the platform.</summary>
public sealed class WeChatOptions
{
    public const string Section = "WeChat";

    public const string PlatformUrl = "https://api.weixin.qq.com";

    /// <summary>Unset: <see cref="PlatformUrl"/>, or the gateway's own /sandbox/tencent/wechat/ when sandboxed; a local stub in tests.</summary>
    public string BaseUrl { get; set; } = "";

    public string AppId { get; set; } = "";

    /// <summary>Never logged.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>Per HTTP call; a slower platform answers WECHAT_UNAVAILABLE rather than holding the sign-in.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Calls per request when the platform answers busy (-1) or rate limited (45011), the first included.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry; doubled before each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The subscribe-message templates the gateway sends (<c>WeChat:SubscribeTemplates:*</c>).</summary>
    public WeChatSubscribeTemplates SubscribeTemplates { get; set; } = new();
}

/// <summary>
/// Template ids of the mini-program's subscribe messages, from the WeChat admin console (订阅消息). Unset: that message is
/// never sent. The sandbox fills in its own ids.
/// </summary>
public sealed class WeChatSubscribeTemplates
{
    /// <summary>
    /// "Coupon about to expire": a one-time template with the keywords <c>thing1</c> (coupon name), <c>time2</c> (valid
    /// until, China time) and <c>thing3</c> (a tip).
    /// </summary>
    public string CouponExpiring { get; set; } = "";
}
