using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MemberGraph.Tencent.Sandbox;

/// <summary>
/// A stand-in for the WeCom server APIs the gateway calls (qyapi.weixin.qq.com): <c>gettoken</c>,
/// <c>auth/getuserinfo</c>, <c>externalcontact/get</c>, <c>add_contact_way</c>, <c>transfer_customer</c>,
/// <c>resigned/transfer_customer</c>, <c>transfer_result</c> (both), <c>get_jsapi_ticket</c> and
/// <c>ticket/get?type=agent_config</c> (the JS-SDK's corp and app tickets), with WeCom's JSON and errcodes. It hands out one
/// access token at a time and refuses any other (42001). The gateway serves it under <c>/sandbox/tencent/wecom/</c> when
/// sandboxed; the test stub hosts the same class on a port of its own.
/// <para>
/// OAuth codes: <c>sandbox:&lt;wecom userid&gt;</c> answers that corp member; codes put in <see cref="UserIdsByCode"/> or
/// <see cref="OpenIdCodes"/> answer what they say; any other code is 40029. External contacts come from
/// <see cref="IWeComSandboxContacts"/>; an id not starting with <c>wm</c> is 40096.
/// </para>
/// </summary>
public sealed class WeComSandbox(IWeComSandboxContacts contacts, string label, string? corpId = null, string? corpSecret = null)
{
    private int _tokenSequence;
    private int _ticketSequence;
    private volatile string? _validToken;

    /// <summary>auth/getuserinfo: corp member userid by OAuth code.</summary>
    public ConcurrentDictionary<string, string> UserIdsByCode { get; } = new();

    /// <summary>auth/getuserinfo: codes that answer a non-member (an openid).</summary>
    public ConcurrentDictionary<string, string> OpenIdCodes { get; } = new();

    /// <summary>transfer_customer: a per-customer errcode for these external user ids (default 0).</summary>
    public ConcurrentDictionary<string, int> TransferErrCodes { get; } = new();

    /// <summary>transfer_result: status (1 done, 2 waiting, 3 refused, 4 limit) by external user id; unlisted customers are not reported.</summary>
    public ConcurrentDictionary<string, int> TransferStatuses { get; } = new();

    /// <summary>gettoken's expires_in.</summary>
    public int TokenLifetimeSeconds { get; set; } = 7200;

    /// <summary>The corp's jsapi_ticket last handed out by get_jsapi_ticket (null before the first): what JS-SDK signatures are checked with.</summary>
    public string? JsApiTicket { get; private set; }

    /// <summary>The app's jsapi_ticket last handed out by ticket/get?type=agent_config (null before the first).</summary>
    public string? AgentConfigTicket { get; private set; }

    /// <summary>Makes the current access token stale: the next call gets errcode 42001 until a new token is fetched.</summary>
    public void ExpireToken() => _validToken = null;

    public async ValueTask<SandboxReply> AnswerAsync(SandboxCall call, CancellationToken cancellationToken)
    {
        if (call.Api == "gettoken")
        {
            return GetToken(call);
        }

        if (call.Param("access_token") is not { } token || token != _validToken)
        {
            return SandboxReply.Error(42001, "access_token expired");
        }

        return call.Api switch
        {
            "externalcontact/get" => await ExternalContactAsync(call.Param("external_userid") ?? "", cancellationToken),
            "auth/getuserinfo" => UserInfo(call.Param("code") ?? ""),
            "externalcontact/add_contact_way" => SandboxReply.Of(new
            {
                errcode = 0,
                errmsg = "ok",
                config_id = $"cfg-{call.Field("state")}",
                qr_code = $"https://wework.qpic.cn/{label}/{call.Field("state")}.png",
            }),
            "get_jsapi_ticket" => SandboxReply.Of(new { errcode = 0, errmsg = "ok", ticket = JsApiTicket = NextTicket("jsapi"), expires_in = 7200 }),
            "ticket/get" when call.Param("type") == "agent_config" =>
                SandboxReply.Of(new { errcode = 0, errmsg = "ok", ticket = AgentConfigTicket = NextTicket("agent-config"), expires_in = 7200 }),
            "ticket/get" => SandboxReply.Error(40035, "invalid args: type must be agent_config"),
            "externalcontact/transfer_customer" or "externalcontact/resigned/transfer_customer" => TransferCustomer(call),
            "externalcontact/transfer_result" or "externalcontact/resigned/transfer_result" => SandboxReply.Of(new
            {
                errcode = 0,
                errmsg = "ok",
                customer = TransferStatuses.Select(s => new { external_userid = s.Key, status = s.Value, takeover_time = 1700000000 }).ToList(),
                next_cursor = "",
            }),
            _ => SandboxReply.Error(48002, $"api forbidden (not in the {label})"),
        };
    }

    private SandboxReply GetToken(SandboxCall call)
    {
        if (corpId is not null && call.Param("corpid") != corpId)
        {
            return SandboxReply.Error(40013, "invalid corpid");
        }

        if (corpSecret is not null && call.Param("corpsecret") != corpSecret)
        {
            return SandboxReply.Error(40001, "invalid secret");
        }

        _validToken = $"{label}-token-{Interlocked.Increment(ref _tokenSequence)}";
        return SandboxReply.Of(new { errcode = 0, errmsg = "ok", access_token = _validToken, expires_in = TokenLifetimeSeconds });
    }

    private string NextTicket(string kind) => $"{label}-{kind}-ticket-{Interlocked.Increment(ref _ticketSequence)}";

    private async Task<SandboxReply> ExternalContactAsync(string externalUserId, CancellationToken cancellationToken)
    {
        if (!externalUserId.StartsWith("wm", StringComparison.Ordinal))
        {
            return SandboxReply.Error(40096, "invalid external userid");
        }

        var found = await contacts.FindAsync(externalUserId, cancellationToken);
        var contact = new JsonObject { ["external_userid"] = externalUserId, ["name"] = found.Name, ["type"] = 1, ["gender"] = found.Gender };
        if (found.UnionId is not null)
        {
            contact["unionid"] = found.UnionId;
        }

        return SandboxReply.Of(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["external_contact"] = contact, ["follow_user"] = new JsonArray() }.ToJsonString());
    }

    private SandboxReply UserInfo(string code) =>
        UserIdsByCode.TryGetValue(code, out var userId) ? SandboxReply.Of(new { errcode = 0, errmsg = "ok", userid = userId })
        : OpenIdCodes.TryGetValue(code, out var openId) ? SandboxReply.Of(new { errcode = 0, errmsg = "ok", openid = openId })
        : code.StartsWith(WeChatSandbox.CodePrefix, StringComparison.Ordinal) && code.Length > WeChatSandbox.CodePrefix.Length
            ? SandboxReply.Of(new { errcode = 0, errmsg = "ok", userid = code[WeChatSandbox.CodePrefix.Length..] })
        : SandboxReply.Error(40029, "invalid code");

    private SandboxReply TransferCustomer(SandboxCall call)
    {
        if (call.Body?["external_userid"] is not JsonArray customers || customers.Count is 0 or > 100)
        {
            return SandboxReply.Error(40058, "external_userid list must hold 1 to 100 customers");
        }

        return SandboxReply.Of(new
        {
            errcode = 0,
            errmsg = "ok",
            customer = customers.Select(e => (string)e!).Select(e => new { external_userid = e, errcode = TransferErrCodes.GetValueOrDefault(e) }).ToList(),
        });
    }
}
