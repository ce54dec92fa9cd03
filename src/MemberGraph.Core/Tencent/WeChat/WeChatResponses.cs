using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemberGraph.Tencent.WeChat;

/// <summary>Every WeChat server API answers <c>errcode</c>/<c>errmsg</c> on failure (some omit them on success).</summary>
internal class WeChatResponse
{
    [JsonPropertyName("errcode")]
    public int ErrCode { get; set; }

    [JsonPropertyName("errmsg")]
    public string? ErrMsg { get; set; }
}

/// <summary><c>sns/jscode2session</c>.</summary>
internal sealed class Code2SessionResponse : WeChatResponse
{
    [JsonPropertyName("openid")]
    public string? OpenId { get; set; }

    [JsonPropertyName("unionid")]
    public string? UnionId { get; set; }

    [JsonPropertyName("session_key")]
    public string? SessionKey { get; set; }
}

/// <summary><c>cgi-bin/stable_token</c>.</summary>
internal sealed class StableTokenResponse : WeChatResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }
}

/// <summary><c>wxa/business/getuserphonenumber</c>.</summary>
internal sealed class PhoneNumberResponse : WeChatResponse
{
    [JsonPropertyName("phone_info")]
    public PhoneInfo? PhoneInfo { get; set; }
}

/// <summary><c>cgi-bin/message/subscribe/send</c>.</summary>
internal sealed class SubscribeSendResponse : WeChatResponse
{
    [JsonPropertyName("msgid")]
    public long? MsgId { get; set; }
}

internal sealed class PhoneInfo
{
    /// <summary>With the country code for numbers outside mainland China.</summary>
    [JsonPropertyName("phoneNumber")]
    public string? PhoneNumber { get; set; }

    [JsonPropertyName("purePhoneNumber")]
    public string? PurePhoneNumber { get; set; }

    /// <summary>Documented as a string, sent as a number in the platform's own example: read either.</summary>
    [JsonPropertyName("countryCode")]
    public JsonElement CountryCode { get; set; }
}

/// <summary>Who signed in: the mini-program openid and, when the app is bound to an open-platform account, the unionid.</summary>
public sealed record WeChatSession(string OpenId, string? UnionId);

/// <summary>A phone number the user authorised: <see cref="PurePhoneNumber"/> is the number without country code.</summary>
public sealed record WeChatPhone(string PurePhoneNumber, string PhoneNumber, string CountryCode);

/// <summary>
/// A subscribe message to send: to whom (the mini-program openid), which template, the page it opens and the template's
/// keywords with their values (<c>thing1</c> → "满100减15", ...).
/// </summary>
public sealed record SubscribeMessageRequest(string OpenId, string TemplateId, string Page, IReadOnlyDictionary<string, string> Data);

public enum SubscribeMessageOutcome
{
    Sent,

    /// <summary>43101: the user does not accept this template now.</summary>
    Refused,

    /// <summary>Any other refusal, or the platform could not be reached.</summary>
    Failed,
}

/// <summary>What <c>message/subscribe/send</c> answered: the outcome, WeChat's <c>msgid</c> when sent, its errcode when refused.</summary>
public sealed record SubscribeMessageAnswer(SubscribeMessageOutcome Outcome, long? MessageId, int? ErrCode);
