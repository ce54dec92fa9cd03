using System.Net.Http.Json;
using System.Text.Json;
using MemberGraph.Domain;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.WeChat;

/// <summary>
/// The mini-program server APIs MemberGraph uses: sign-in (<c>jscode2session</c>), the access token
/// (<c>stable_token</c>), the authorised phone number (<c>getuserphonenumber</c>) and subscribe messages
/// (<c>message/subscribe/send</c>). Platform refusals become
/// <see cref="UserError"/>s; busy and rate-limited answers are retried a bounded number of times; network
/// failures and timeouts become WECHAT_UNAVAILABLE. Secrets, session keys and access tokens are never logged.
/// </summary>
public sealed class WeChatClient(HttpClient http, WeChatAccessTokens tokens, IOptions<WeChatOptions> options, TimeProvider clock, ILogger<WeChatClient> logger)
{
    private const string Code2SessionApi = "sns/jscode2session";
    private const string StableTokenApi = "cgi-bin/stable_token";
    private const string PhoneNumberApi = "wxa/business/getuserphonenumber";
    private const string SubscribeSendApi = "cgi-bin/message/subscribe/send";

    /// <summary>Exchanges the <c>wx.login</c> code for the user's openid (and unionid when the platform gives one).</summary>
    public async Task<Outcome<WeChatSession>> Code2SessionAsync(string code, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var url = $"{Code2SessionApi}?appid={Uri.EscapeDataString(o.AppId)}&secret={Uri.EscapeDataString(o.AppSecret)}" +
                  $"&js_code={Uri.EscapeDataString(code)}&grant_type=authorization_code";
        var answer = await CallAsync<Code2SessionResponse>(Code2SessionApi, "code", () => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error!;
        }

        if (string.IsNullOrEmpty(answer.Value!.OpenId))
        {
            logger.LogWarning("WeChat {Api} answered without an openid", Code2SessionApi);
            return WeChatErrors.Unavailable();
        }

        return Outcome<WeChatSession>.Ok(new WeChatSession(answer.Value.OpenId, string.IsNullOrEmpty(answer.Value.UnionId) ? null : answer.Value.UnionId));
    }

    /// <summary>Exchanges the <c>getPhoneNumber</c> code for the phone number the user authorised.</summary>
    public async Task<Outcome<WeChatPhone>> GetPhoneNumberAsync(string phoneCode, CancellationToken cancellationToken)
    {
        var answer = await CallWithAccessTokenAsync<PhoneNumberResponse>(PhoneNumberApi, "phoneCode", token => new HttpRequestMessage(HttpMethod.Post, $"{PhoneNumberApi}?access_token={Uri.EscapeDataString(token)}")
        {
            Content = JsonContent.Create(new { code = phoneCode }),
        }, handOver: null, cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error!;
        }

        var info = answer.Value!.PhoneInfo;
        if (string.IsNullOrEmpty(info?.PurePhoneNumber))
        {
            logger.LogWarning("WeChat {Api} answered without a phone number", PhoneNumberApi);
            return WeChatErrors.Unavailable();
        }

        var country = info.CountryCode.ValueKind switch
        {
            JsonValueKind.String => info.CountryCode.GetString() ?? "",
            JsonValueKind.Number => info.CountryCode.GetRawText(),
            _ => "",
        };
        return Outcome<WeChatPhone>.Ok(new WeChatPhone(info.PurePhoneNumber, info.PhoneNumber ?? info.PurePhoneNumber, country));
    }

    /// <summary>
    /// Sends one subscribe message (<c>message/subscribe/send</c>) to a mini-program user. Never a refusal to pass on: the
    /// answer says whether it was sent, whether the user refuses the template (43101: no acceptance left on WeChat's
    /// side), or why not. The openid and the message's content are not logged.
    /// </summary>
    public async Task<SubscribeMessageAnswer> SendSubscribeMessageAsync(SubscribeMessageRequest message, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["touser"] = message.OpenId,
            ["template_id"] = message.TemplateId,
            ["page"] = message.Page,
            ["data"] = message.Data.ToDictionary(d => d.Key, d => new { value = d.Value }, StringComparer.Ordinal),
            ["lang"] = "zh_CN",
        };
        var answer = await CallWithAccessTokenAsync<SubscribeSendResponse>(SubscribeSendApi, null, token => new HttpRequestMessage(HttpMethod.Post, $"{SubscribeSendApi}?access_token={Uri.EscapeDataString(token)}")
        {
            Content = JsonContent.Create(body),
        }, handOver: errcode => !WeChatErrors.IsTransient(errcode), cancellationToken);
        if (!answer.Succeeded)
        {
            return new SubscribeMessageAnswer(SubscribeMessageOutcome.Failed, null, null);
        }

        return answer.Value!.ErrCode switch
        {
            0 => new SubscribeMessageAnswer(SubscribeMessageOutcome.Sent, answer.Value.MsgId, null),
            WeChatErrors.UserRefusesMessages => new SubscribeMessageAnswer(SubscribeMessageOutcome.Refused, null, WeChatErrors.UserRefusesMessages),
            var errcode => Failed(errcode, answer.Value.ErrMsg),
        };

        SubscribeMessageAnswer Failed(int errcode, string? errmsg)
        {
            logger.LogWarning("WeChat {Api} refused: errcode {ErrCode} {ErrMsg}", SubscribeSendApi, errcode, errmsg);
            return new SubscribeMessageAnswer(SubscribeMessageOutcome.Failed, null, errcode);
        }
    }

    /// <summary>
    /// A call that carries the access token: a refused token (invalid or expired) is fetched anew once and the call made
    /// again. Other answers as <see cref="CallAsync{T}"/> gives them, <paramref name="handOver"/> included.
    /// </summary>
    private async Task<Outcome<T>> CallWithAccessTokenAsync<T>(
        string api, string? codeField, Func<string, HttpRequestMessage> request, Func<int, bool>? handOver, CancellationToken cancellationToken)
        where T : WeChatResponse
    {
        string? rejected = null;
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetAsync(FetchStableTokenAsync, rejected, cancellationToken);
            if (!token.Succeeded)
            {
                return token.Error!;
            }

            var answer = await CallAsync<T>(api, codeField, () => request(token.Value!), cancellationToken,
                handOver: errcode => WeChatErrors.IsTokenRejected(errcode) || handOver?.Invoke(errcode) == true);
            if (!answer.Succeeded || !WeChatErrors.IsTokenRejected(answer.Value!.ErrCode))
            {
                return answer;
            }

            if (attempt == 1)
            {
                // Invalid or expired access token: fetch a new one once and ask again.
                logger.LogInformation("WeChat {Api} refused the access token (errcode {ErrCode}); refreshing it", api, answer.Value.ErrCode);
                rejected = token.Value;
                continue;
            }

            logger.LogWarning("WeChat {Api} refused a freshly fetched access token (errcode {ErrCode})", api, answer.Value.ErrCode);
            return WeChatErrors.Unavailable();
        }
    }

    private async Task<Outcome<(string Token, int ExpiresIn)>> FetchStableTokenAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var answer = await CallAsync<StableTokenResponse>(StableTokenApi, null, () => new HttpRequestMessage(HttpMethod.Post, StableTokenApi)
        {
            Content = JsonContent.Create(new { grant_type = "client_credential", appid = o.AppId, secret = o.AppSecret, force_refresh = false }),
        }, cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error!;
        }

        if (string.IsNullOrEmpty(answer.Value!.AccessToken) || answer.Value.ExpiresIn <= 0)
        {
            logger.LogWarning("WeChat {Api} answered without a usable access token", StableTokenApi);
            return WeChatErrors.Unavailable();
        }

        logger.LogInformation("WeChat access token refreshed; valid for {Seconds} s", answer.Value.ExpiresIn);
        return Outcome<(string, int)>.Ok((answer.Value.AccessToken, answer.Value.ExpiresIn));
    }

    /// <summary>
    /// One API call with bounded retries of transient answers. Errcodes matching <paramref name="handOver"/> are
    /// answered as they are, for the caller to handle; other refusals become user errors about <paramref name="codeField"/>.
    /// </summary>
    private async Task<Outcome<T>> CallAsync<T>(string api, string? codeField, Func<HttpRequestMessage> request, CancellationToken cancellationToken, Func<int, bool>? handOver = null)
        where T : WeChatResponse
    {
        var o = options.Value;
        var delay = o.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var answer = await SendAsync<T>(api, request, cancellationToken);
            if (answer is null)
            {
                return WeChatErrors.Unavailable();
            }

            if (answer.ErrCode == 0 || handOver?.Invoke(answer.ErrCode) == true)
            {
                return Outcome<T>.Ok(answer);
            }

            if (!WeChatErrors.IsTransient(answer.ErrCode) || attempt >= o.MaxAttempts)
            {
                logger.LogWarning("WeChat {Api} refused: errcode {ErrCode} {ErrMsg} (attempt {Attempt})", api, answer.ErrCode, answer.ErrMsg, attempt);
                return WeChatErrors.ToUserError(answer.ErrCode, codeField);
            }

            logger.LogInformation("WeChat {Api} answered errcode {ErrCode}; retrying in {Delay} ms", api, answer.ErrCode, delay.TotalMilliseconds);
            await Task.Delay(delay, clock, cancellationToken);
            delay *= 2;
        }
    }

    /// <summary>The parsed answer, or null when the platform could not be reached or answered something unreadable.</summary>
    private async Task<T?> SendAsync<T>(string api, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
        where T : WeChatResponse
    {
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("WeChat {Api} answered HTTP {Status}", api, (int)response.StatusCode);
                return null;
            }

            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("WeChat {Api} unreachable: {Error}", api, ex is OperationCanceledException ? "timed out" : ex.GetType().Name);
            return null;
        }
    }
}
