namespace MemberGraph.Tencent.WeCom;

/// <summary>The <c>WeCom:*</c> section: the corp, the callback secrets and the API endpoint.</summary>
public sealed class WeComOptions
{
    public const string Section = "WeCom";

    public const string PlatformUrl = "https://qyapi.weixin.qq.com";

    /// <summary>Root of the WeCom server API. Unset: <see cref="PlatformUrl"/>, or the gateway's own /sandbox/tencent/wecom/ when sandboxed.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The corp id: the receive id of callbacks and the <c>corpid</c> of <c>gettoken</c>.</summary>
    public string CorpId { get; set; } = "";

    /// <summary>The callback Token used in <c>msg_signature</c>.</summary>
    public string Token { get; set; } = "";

    /// <summary>The 43-character EncodingAESKey of the callback.</summary>
    public string EncodingAesKey { get; set; } = "";

    /// <summary>The secret of the self-built app allowed to call the customer-contact APIs.</summary>
    public string AgentSecret { get; set; } = "";

    /// <summary>
    /// The AgentId of that self-built app: the sidebar page's <c>ww.register</c> needs it (with the app's jsapi_ticket
    /// signature) for app-level JS-SDK APIs such as <c>getCurExternalContact</c>.
    /// </summary>
    public string AgentId { get; set; } = "";

    /// <summary>How long one API call may take before it counts as unavailable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the callback may spend asking WeCom who a new customer is (externalcontact/get, with a token refresh):
    /// WeCom redelivers a callback it has no answer to within 5 seconds, so past this the customer is bound by the
    /// external user id alone and the answer goes back in time.
    /// </summary>
    public TimeSpan CallbackLookupBudget { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Callback bodies above this size are refused before they are read further.</summary>
    public int MaxCallbackBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How far a callback's signed <c>timestamp</c> and its event's <c>CreateTime</c> may be from our clock, either way.
    /// WeCom redelivers an unanswered callback within seconds, so anything older is a recorded delivery sent again:
    /// refused whether or not its replay key is still kept.
    /// </summary>
    public TimeSpan CallbackMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long the replay keys of processed callbacks are kept before the <c>wecom-callback-purge</c> job deletes them.
    /// At least twice <see cref="CallbackMaxAge"/>: a purged key's event can then only come back with a CreateTime older
    /// than the maximum age, which is refused.
    /// </summary>
    public TimeSpan CallbackEventRetention { get; set; } = TimeSpan.FromDays(7);
}
