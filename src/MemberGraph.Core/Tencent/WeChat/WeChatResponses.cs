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
