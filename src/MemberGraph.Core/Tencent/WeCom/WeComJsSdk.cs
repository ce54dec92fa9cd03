using System.Security.Cryptography;
using System.Text;
using MemberGraph.Domain;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.WeCom;

/// <summary>Which jsapi_ticket a JS-SDK signature is made with.</summary>
public enum WeComJsApiTicketKind
{
    /// <summary>The corp's (<c>cgi-bin/get_jsapi_ticket</c>): <c>ww.register</c>'s <c>getConfigSignature</c>.</summary>
    Corp,

    /// <summary>The app's (<c>cgi-bin/ticket/get?type=agent_config</c>): <c>getAgentConfigSignature</c>, which app-level APIs such as <c>getCurExternalContact</c> need.</summary>
    Agent,
}

/// <summary>One JS-SDK signature as <c>ww.register</c>'s signature callbacks return it.</summary>
public sealed record WeComJsSdkSignature(long Timestamp, string NonceStr, string Signature);

/// <summary>
/// WeCom's JS-SDK permission signature (JS-SDK使用权限签名算法): SHA1 of
/// <c>jsapi_ticket=TICKET&amp;noncestr=NONCE&amp;timestamp=TIMESTAMP&amp;url=URL</c>, the values raw (not URL-escaped), in
/// exactly that order, the URL without its fragment; lower-case hex.
/// </summary>
public static class WeComJsSdkSigning
{
    public static string Sign(string jsApiTicket, string nonceStr, long timestamp, string url) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(
            $"jsapi_ticket={jsApiTicket}&noncestr={nonceStr}&timestamp={timestamp}&url={url}")));

    /// <summary>
    /// The URL to sign: the page's absolute http(s) URL up to its fragment; null when <paramref name="url"/> is not one
    /// (or is longer than 2,048 characters).
    /// </summary>
    public static string? PageUrl(string url)
    {
        if (url.Length is 0 or > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var hash = url.IndexOf('#');
        return hash < 0 ? url : url[..hash];
    }
}

/// <summary>
/// The corp's and the app's jsapi_tickets of this gateway instance, each cached like the access token (valid 7200 s,
/// fetched again shortly before it expires, one fetch at a time): WeCom allows few ticket fetches an hour (an app at
/// most 100), so they are never fetched per page view.
/// </summary>
public sealed class WeComJsApiTickets(TimeProvider clock)
{
    private readonly WeComAccessTokenCache _corp = new(clock);
    private readonly WeComAccessTokenCache _agent = new(clock);

    public Task<WeComResult<string>> GetAsync(WeComJsApiTicketKind kind, Func<CancellationToken, Task<WeComResult<WeComTicketResponse>>> fetch, CancellationToken cancellationToken) =>
        (kind == WeComJsApiTicketKind.Corp ? _corp : _agent).GetAsync(async ct =>
        {
            // The cache keeps "a secret with a lifetime": a ticket is one as much as an access token is.
            var result = await fetch(ct);
            return result.Succeeded
                ? WeComResult<WeComTokenResponse>.Ok(new WeComTokenResponse { AccessToken = result.Value!.Ticket, ExpiresIn = result.Value.ExpiresIn })
                : result.Failure!;
        }, null, cancellationToken);
}

/// <summary>
/// Signs a sidebar page's URL for <c>ww.register</c>: the corp id, the app's AgentId and a fresh signature (timestamp,
/// nonce) with the corp's or the app's jsapi_ticket. WeCom trouble is refused as <c>WECOM_UNAVAILABLE</c> (try again) or
/// <c>WECOM_REJECTED</c> (a configuration problem: the secret, the app's permissions).
/// </summary>
public sealed class WeComJsSdkSigner(WeComClient wecom, WeComJsApiTickets tickets, IOptions<WeComOptions> options, TimeProvider clock)
{
    public string CorpId => options.Value.CorpId;

    /// <summary>The self-built app's AgentId (<c>WeCom:AgentId</c>); null when not configured.</summary>
    public string? AgentId => string.IsNullOrEmpty(options.Value.AgentId) ? null : options.Value.AgentId;

    public async Task<WeComJsSdkSignature> SignAsync(WeComJsApiTicketKind kind, string pageUrl, CancellationToken cancellationToken)
    {
        var ticket = await tickets.GetAsync(kind, ct => kind == WeComJsApiTicketKind.Corp ? wecom.GetJsApiTicketAsync(ct) : wecom.GetAgentConfigTicketAsync(ct), cancellationToken);
        if (!ticket.Succeeded)
        {
            var failure = ticket.Failure!;
            throw failure.IsTransient
                ? new RequestRefusedException(RefusalCodes.WecomUnavailable, "WeCom is not answering right now; try again in a moment.")
                : new RequestRefusedException(RefusalCodes.WecomRejected, $"WeCom refused the jsapi_ticket (errcode {failure.ErrCode}: {failure.Message}).");
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var nonce = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16);
        return new WeComJsSdkSignature(timestamp, nonce, WeComJsSdkSigning.Sign(ticket.Value!, nonce, timestamp, pageUrl));
    }
}
