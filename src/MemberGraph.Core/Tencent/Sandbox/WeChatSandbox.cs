using System.Collections.Concurrent;

namespace MemberGraph.Tencent.Sandbox;

/// <summary>
/// A stand-in for the mini-program server APIs the gateway calls (api.weixin.qq.com): <c>sns/jscode2session</c>,
/// <c>cgi-bin/stable_token</c>, <c>wxa/business/getuserphonenumber</c>, <c>cgi-bin/message/subscribe/send</c>, with
/// the platform's JSON and errcodes. The gateway serves it under <c>/sandbox/tencent/wechat/</c> when sandboxed; the test
/// stub hosts the same class on a port of its own.
/// <para>
/// Codes: <c>sandbox:&lt;openid&gt;</c> (or <c>sandbox:&lt;openid&gt;:&lt;unionid&gt;</c>) signs in as that openid;
/// <c>sandbox:&lt;phone&gt;</c> is a <c>getPhoneNumber</c> code for that number. Unlike real codes they can be used
/// again, so a demo can sign in as the same person twice. Codes registered with <see cref="RegisterLoginCode"/> and
/// <see cref="RegisterPhoneCode"/> are single-use like the real ones (40163 on reuse). Any other code is 40029.
/// </para>
/// </summary>
public sealed class WeChatSandbox(string appId, string appSecret, string label, TimeProvider clock)
{
    public const string CodePrefix = "sandbox:";

    private readonly ConcurrentDictionary<string, (string OpenId, string? UnionId)> _loginCodes = new();
    private readonly ConcurrentDictionary<string, string> _phoneCodes = new();
    private readonly ConcurrentDictionary<string, byte> _usedCodes = new();
    private readonly ConcurrentDictionary<string, byte> _validTokens = new();
    private readonly ConcurrentQueue<SandboxSubscribeMessage> _subscribeMessages = new();
    private int _tokenSequence;

    public string AppId => appId;

    /// <summary>The session key handed out for a code (never a secret in the sandbox; tests check it is not logged).</summary>
    public string SessionKeyPrefix => $"{label}-session-key-";

    /// <summary>The prefix of the access tokens stable_token hands out.</summary>
    public string AccessTokenPrefix => $"{label}-access-token-";

    /// <summary>Every subscribe message the sandbox accepted, in the order they came (what the members' WeChat would show).</summary>
    public IReadOnlyList<SandboxSubscribeMessage> SubscribeMessages => [.. _subscribeMessages];

    public void RegisterLoginCode(string code, string openId, string? unionId) => _loginCodes[code] = (openId, unionId);

    public void RegisterPhoneCode(string code, string phone) => _phoneCodes[code] = phone;

    /// <summary>Every access token issued so far stops working (as after a force refresh elsewhere).</summary>
    public void InvalidateAccessTokens() => _validTokens.Clear();

    public SandboxReply Error(int errcode, string errmsg) => SandboxReply.Error(errcode, $"{errmsg} rid: {label}");

    public SandboxReply Answer(SandboxCall call) => call.Api switch
    {
        "sns/jscode2session" => Code2Session(call),
        "stable_token" => StableToken(call),
        "wxa/business/getuserphonenumber" => PhoneNumber(call),
        "message/subscribe/send" => SubscribeSend(call),
        _ => SandboxReply.Of(new { errcode = 48001, errmsg = $"api unauthorized rid: {label}" }),
    };

    private SandboxReply Code2Session(SandboxCall call)
    {
        if (call.Param("appid") != appId || call.Param("secret") != appSecret)
        {
            return Error(40013, "invalid appid");
        }

        if (call.Param("grant_type") != "authorization_code")
        {
            return Error(40002, "invalid grant_type");
        }

        var code = call.Param("js_code") ?? "";
        (string OpenId, string? UnionId) user;
        if (_loginCodes.TryGetValue(code, out user))
        {
            if (!_usedCodes.TryAdd(code, 0))
            {
                return Error(40163, "code been used");
            }
        }
        else if (SandboxLoginCode(code) is { } deterministic)
        {
            user = deterministic;
        }
        else
        {
            return Error(40029, "invalid code");
        }

        // Like the platform: no errcode on success, unionid only when there is one.
        return user.UnionId is null
            ? SandboxReply.Of(new { session_key = SessionKeyPrefix + code, openid = user.OpenId })
            : SandboxReply.Of(new { session_key = SessionKeyPrefix + code, openid = user.OpenId, unionid = user.UnionId });
    }

    private SandboxReply StableToken(SandboxCall call)
    {
        if (call.Field("grant_type") != "client_credential" || call.Field("appid") != appId || call.Field("secret") != appSecret)
        {
            return Error(40125, "invalid appsecret");
        }

        var token = $"{AccessTokenPrefix}{Interlocked.Increment(ref _tokenSequence)}";
        _validTokens[token] = 0;
        return SandboxReply.Of(new { access_token = token, expires_in = 7200 });
    }

    private SandboxReply PhoneNumber(SandboxCall call)
    {
        if (!_validTokens.ContainsKey(call.Param("access_token") ?? ""))
        {
            return Error(40001, "invalid credential, access_token is invalid or not latest");
        }

        var code = call.Field("code") ?? "";
        string? phone;
        if (_phoneCodes.TryGetValue(code, out phone))
        {
            if (!_usedCodes.TryAdd(code, 0))
            {
                return Error(40163, "code been used");
            }
        }
        else if ((phone = SandboxPhoneCode(code)) is null)
        {
            return Error(40029, "invalid code");
        }

        return SandboxReply.Of(new
        {
            errcode = 0,
            errmsg = "ok",
            phone_info = new
            {
                phoneNumber = "+86" + phone,
                purePhoneNumber = phone,
                countryCode = 86,
                watermark = new { timestamp = clock.GetUtcNow().ToUnixTimeSeconds(), appid = appId },
            },
        });
    }

    private SandboxReply SubscribeSend(SandboxCall call)
    {
        if (!_validTokens.ContainsKey(call.Param("access_token") ?? ""))
        {
            return Error(40001, "invalid credential, access_token is invalid or not latest");
        }

        if (string.IsNullOrEmpty(call.Field("touser")))
        {
            return Error(40003, "invalid openid");
        }

        if (string.IsNullOrEmpty(call.Field("template_id")))
        {
            return Error(40037, "invalid template_id");
        }

        if (call.Body?["data"] is not System.Text.Json.Nodes.JsonObject { Count: > 0 })
        {
            return Error(47003, "argument invalid! data is empty");
        }

        var msgId = Interlocked.Increment(ref _tokenSequence);
        _subscribeMessages.Enqueue(new SandboxSubscribeMessage(
            msgId, call.Field("touser")!, call.Field("template_id")!, call.Field("page"), call.Body?["data"]?.ToJsonString() ?? "{}", clock.GetUtcNow()));
        return SandboxReply.Of(new { errcode = 0, errmsg = "ok", msgid = msgId });
    }

    /// <summary><c>sandbox:&lt;openid&gt;</c> or <c>sandbox:&lt;openid&gt;:&lt;unionid&gt;</c>.</summary>
    private static (string OpenId, string? UnionId)? SandboxLoginCode(string code)
    {
        if (!code.StartsWith(CodePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = code[CodePrefix.Length..].Split(':');
        return parts switch
        {
            [var openId] when openId.Length > 0 => (openId, null),
            [var openId, var unionId] when openId.Length > 0 && unionId.Length > 0 => (openId, unionId),
            _ => null,
        };
    }

    /// <summary><c>sandbox:&lt;phone&gt;</c>: 5 to 20 digits.</summary>
    private static string? SandboxPhoneCode(string code)
    {
        if (!code.StartsWith(CodePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var phone = code[CodePrefix.Length..];
        return phone.Length is >= 5 and <= 20 && phone.All(char.IsAsciiDigit) ? phone : null;
    }
}

/// <summary>A subscribe message the sandbox accepted: its msgid, the openid, the template, the page and the keywords as JSON.</summary>
public sealed record SandboxSubscribeMessage(long MsgId, string ToUser, string TemplateId, string? Page, string DataJson, DateTimeOffset At);
