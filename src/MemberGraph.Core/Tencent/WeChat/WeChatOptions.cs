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
}
