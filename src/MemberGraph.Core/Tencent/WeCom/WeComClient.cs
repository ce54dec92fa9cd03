using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.WeCom;

/// <summary>
/// The WeCom server API calls MemberGraph makes. Every call answers a <see cref="WeComResult{T}"/>: WeCom's
/// errcodes become <see cref="WeComFailureKind.Rejected"/>, network trouble <see cref="WeComFailureKind.Unavailable"/>;
/// nothing throws for either. A refused token (40014/42001) is fetched again and the call repeated once.
/// </summary>
public sealed class WeComClient(HttpClient http, WeComAccessTokenCache tokens, IOptions<WeComOptions> options, ILogger<WeComClient> logger)
{
    /// <summary>WeCom moves at most this many customers per transfer call.</summary>
    public const int MaxCustomersPerTransfer = 100;

    public Task<WeComResult<WeComExternalContactResponse>> GetExternalContactAsync(string externalUserId, CancellationToken cancellationToken) =>
        CallAsync<WeComExternalContactResponse>("externalcontact/get", token =>
            new HttpRequestMessage(HttpMethod.Get, $"cgi-bin/externalcontact/get?access_token={Uri.EscapeDataString(token)}&external_userid={Uri.EscapeDataString(externalUserId)}"), cancellationToken);

    public Task<WeComResult<WeComAddContactWayResponse>> AddContactWayAsync(WeComAddContactWayRequest request, CancellationToken cancellationToken) =>
        PostAsync<WeComAddContactWayResponse>("externalcontact/add_contact_way", request, cancellationToken);

    /// <summary>在职继承 (<paramref name="resigned"/> false) or 离职继承 (true).</summary>
    public Task<WeComResult<WeComTransferCustomerResponse>> TransferCustomersAsync(WeComTransferCustomerRequest request, bool resigned, CancellationToken cancellationToken)
    {
        if (request.ExternalUserId.Count is 0 or > MaxCustomersPerTransfer)
        {
            throw new ArgumentException($"A transfer call carries 1 to {MaxCustomersPerTransfer} customers.", nameof(request));
        }

        return PostAsync<WeComTransferCustomerResponse>(resigned ? "externalcontact/resigned/transfer_customer" : "externalcontact/transfer_customer", request, cancellationToken);
    }

    public Task<WeComResult<WeComTransferResultResponse>> TransferResultAsync(WeComTransferResultRequest request, bool resigned, CancellationToken cancellationToken) =>
        PostAsync<WeComTransferResultResponse>(resigned ? "externalcontact/resigned/transfer_result" : "externalcontact/transfer_result", request, cancellationToken);

    /// <summary>Sidebar / H5 OAuth: who opened the page, from the <c>code</c> of the redirect.</summary>
    public Task<WeComResult<WeComUserInfoResponse>> GetUserInfoAsync(string code, CancellationToken cancellationToken) =>
        CallAsync<WeComUserInfoResponse>("auth/getuserinfo", token =>
            new HttpRequestMessage(HttpMethod.Get, $"cgi-bin/auth/getuserinfo?access_token={Uri.EscapeDataString(token)}&code={Uri.EscapeDataString(code)}"), cancellationToken);

    /// <summary>The corp's jsapi_ticket (JS-SDK <c>getConfigSignature</c>); cache it (<see cref="WeComJsApiTickets"/>).</summary>
    public Task<WeComResult<WeComTicketResponse>> GetJsApiTicketAsync(CancellationToken cancellationToken) =>
        CallAsync<WeComTicketResponse>("get_jsapi_ticket", token =>
            new HttpRequestMessage(HttpMethod.Get, $"cgi-bin/get_jsapi_ticket?access_token={Uri.EscapeDataString(token)}"), cancellationToken);

    /// <summary>The app's jsapi_ticket (JS-SDK <c>getAgentConfigSignature</c>); cache it (<see cref="WeComJsApiTickets"/>).</summary>
    public Task<WeComResult<WeComTicketResponse>> GetAgentConfigTicketAsync(CancellationToken cancellationToken) =>
        CallAsync<WeComTicketResponse>("ticket/get", token =>
            new HttpRequestMessage(HttpMethod.Get, $"cgi-bin/ticket/get?access_token={Uri.EscapeDataString(token)}&type=agent_config"), cancellationToken);

    private Task<WeComResult<T>> PostAsync<T>(string api, object body, CancellationToken cancellationToken)
        where T : WeComResponse =>
        CallAsync<T>(api, token => new HttpRequestMessage(HttpMethod.Post, $"cgi-bin/{api}?access_token={Uri.EscapeDataString(token)}")
        {
            Content = JsonContent.Create(body, body.GetType()),
        }, cancellationToken);

    private async Task<WeComResult<T>> CallAsync<T>(string api, Func<string, HttpRequestMessage> request, CancellationToken cancellationToken)
        where T : WeComResponse
    {
        string? rejected = null;
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetAsync(FetchTokenAsync, rejected, cancellationToken);
            if (!token.Succeeded)
            {
                return token.Failure!;
            }

            var result = await SendAsync<T>(api, request(token.Value!), cancellationToken);
            if (attempt == 1 && result.Failure is { Kind: WeComFailureKind.Rejected } failure && WeComErrCodes.IsStaleToken(failure.ErrCode))
            {
                logger.LogInformation("WeCom refused the access token on {Api} (errcode {ErrCode}); fetching a new one", api, failure.ErrCode);
                rejected = token.Value;
                continue;
            }

            return result;
        }
    }

    private Task<WeComResult<WeComTokenResponse>> FetchTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        return SendAsync<WeComTokenResponse>("gettoken",
            new HttpRequestMessage(HttpMethod.Get, $"cgi-bin/gettoken?corpid={Uri.EscapeDataString(settings.CorpId)}&corpsecret={Uri.EscapeDataString(settings.AgentSecret)}"),
            cancellationToken);
    }

    private async Task<WeComResult<T>> SendAsync<T>(string api, HttpRequestMessage request, CancellationToken cancellationToken)
        where T : WeComResponse
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using (request)
            using (var response = await http.SendAsync(request, timeout.Token))
            {
                if (!response.IsSuccessStatusCode)
                {
                    logger.LogWarning("WeCom {Api} answered HTTP {Status}", api, (int)response.StatusCode);
                    return WeComFailure.Unavailable($"{api} answered HTTP {(int)response.StatusCode}.");
                }

                var body = await response.Content.ReadFromJsonAsync<T>(timeout.Token);
                if (body is null)
                {
                    return WeComFailure.Unavailable($"{api} answered an empty body.");
                }

                if (body.ErrCode != 0)
                {
                    logger.LogWarning("WeCom {Api} refused with errcode {ErrCode}: {ErrMsg}", api, body.ErrCode, body.ErrMsg);
                    return new WeComFailure(WeComFailureKind.Rejected, body.ErrCode, body.ErrMsg ?? "");
                }

                return WeComResult<T>.Ok(body);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("WeCom {Api} did not answer within {Timeout}", api, options.Value.Timeout);
            return WeComFailure.Unavailable($"{api} did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("WeCom {Api} could not be reached: {Error}", api, ex.Message);
            return WeComFailure.Unavailable($"{api} could not be reached.");
        }
        catch (JsonException)
        {
            logger.LogWarning("WeCom {Api} answered something that is not its JSON", api);
            return WeComFailure.Unavailable($"{api} answered something that is not JSON.");
        }
    }
}
