using System.Text.Json.Serialization;

namespace MemberGraph.Tencent.WeCom;

/// <summary>Every WeCom answer carries <c>errcode</c> (0 = ok) and <c>errmsg</c>.</summary>
public abstract class WeComResponse
{
    [JsonPropertyName("errcode")]
    public int ErrCode { get; set; }

    [JsonPropertyName("errmsg")]
    public string? ErrMsg { get; set; }
}

/// <summary><c>cgi-bin/gettoken</c>.</summary>
public sealed class WeComTokenResponse : WeComResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }
}

/// <summary><c>cgi-bin/externalcontact/get</c>: the customer and the corp members following them.</summary>
public sealed class WeComExternalContactResponse : WeComResponse
{
    [JsonPropertyName("external_contact")]
    public WeComExternalContact? ExternalContact { get; set; }

    [JsonPropertyName("follow_user")]
    public List<WeComFollowUser> FollowUser { get; set; } = [];
}

public sealed class WeComExternalContact
{
    [JsonPropertyName("external_userid")]
    public string ExternalUserId { get; set; } = "";

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>1 = a WeChat user, 2 = a WeCom user of another corp.</summary>
    [JsonPropertyName("type")]
    public int Type { get; set; }

    /// <summary>The WeChat unionid, present for WeChat users when the corp bound a WeChat developer id.</summary>
    [JsonPropertyName("unionid")]
    public string? UnionId { get; set; }
}

public sealed class WeComFollowUser
{
    [JsonPropertyName("userid")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("createtime")]
    public long CreateTime { get; set; }
}

/// <summary><c>cgi-bin/externalcontact/add_contact_way</c> request (a single-member QR code).</summary>
public sealed class WeComAddContactWayRequest
{
    /// <summary>1 = one member.</summary>
    [JsonPropertyName("type")]
    public int Type { get; set; } = 1;

    /// <summary>2 = a QR code.</summary>
    [JsonPropertyName("scene")]
    public int Scene { get; set; } = 2;

    [JsonPropertyName("remark")]
    public string? Remark { get; set; }

    [JsonPropertyName("skip_verify")]
    public bool SkipVerify { get; set; } = true;

    /// <summary>Comes back as <c>State</c> in the add-contact event; at most 30 characters.</summary>
    [JsonPropertyName("state")]
    public string State { get; set; } = "";

    [JsonPropertyName("user")]
    public List<string> User { get; set; } = [];
}

public sealed class WeComAddContactWayResponse : WeComResponse
{
    [JsonPropertyName("config_id")]
    public string? ConfigId { get; set; }

    [JsonPropertyName("qr_code")]
    public string? QrCode { get; set; }
}

/// <summary><c>externalcontact/transfer_customer</c> and <c>externalcontact/resigned/transfer_customer</c>.</summary>
public sealed class WeComTransferCustomerRequest
{
    [JsonPropertyName("handover_userid")]
    public string HandoverUserId { get; set; } = "";

    [JsonPropertyName("takeover_userid")]
    public string TakeoverUserId { get; set; } = "";

    /// <summary>At most <see cref="WeComClient.MaxCustomersPerTransfer"/> per call.</summary>
    [JsonPropertyName("external_userid")]
    public List<string> ExternalUserId { get; set; } = [];

    /// <summary>Only for on-job transfers; WeCom's default text when null.</summary>
    [JsonPropertyName("transfer_success_msg")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TransferSuccessMsg { get; set; }
}

public sealed class WeComTransferCustomerResponse : WeComResponse
{
    [JsonPropertyName("customer")]
    public List<WeComTransferCustomerResult> Customer { get; set; } = [];
}

/// <summary>errcode 0 = the takeover started (it completes after 24 h), anything else = refused for this customer.</summary>
public sealed class WeComTransferCustomerResult
{
    [JsonPropertyName("external_userid")]
    public string ExternalUserId { get; set; } = "";

    [JsonPropertyName("errcode")]
    public int ErrCode { get; set; }
}

/// <summary><c>externalcontact/transfer_result</c> and <c>externalcontact/resigned/transfer_result</c>.</summary>
public sealed class WeComTransferResultRequest
{
    [JsonPropertyName("handover_userid")]
    public string HandoverUserId { get; set; } = "";

    [JsonPropertyName("takeover_userid")]
    public string TakeoverUserId { get; set; } = "";

    [JsonPropertyName("cursor")]
    public string Cursor { get; set; } = "";
}

public sealed class WeComTransferResultResponse : WeComResponse
{
    [JsonPropertyName("customer")]
    public List<WeComTransferStatus> Customer { get; set; } = [];

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; set; }
}

public sealed class WeComTransferStatus
{
    public const int Completed = 1;
    public const int Waiting = 2;
    public const int CustomerRefused = 3;
    public const int TakeoverLimitReached = 4;

    [JsonPropertyName("external_userid")]
    public string ExternalUserId { get; set; } = "";

    /// <summary>1 done, 2 waiting, 3 customer refused, 4 the takeover member reached the customer limit.</summary>
    [JsonPropertyName("status")]
    public int Status { get; set; }

    /// <summary>Unix seconds: when the takeover happened, or will happen while waiting.</summary>
    [JsonPropertyName("takeover_time")]
    public long TakeoverTime { get; set; }
}

/// <summary><c>cgi-bin/auth/getuserinfo</c>: <c>userid</c> for members of the corp, <c>openid</c> for anyone else.</summary>
public sealed class WeComUserInfoResponse : WeComResponse
{
    [JsonPropertyName("userid")]
    public string? UserId { get; set; }

    [JsonPropertyName("openid")]
    public string? OpenId { get; set; }

    [JsonPropertyName("external_userid")]
    public string? ExternalUserId { get; set; }
}

/// <summary><c>cgi-bin/get_jsapi_ticket</c> and <c>cgi-bin/ticket/get?type=agent_config</c>: a JS-SDK ticket, valid <c>expires_in</c> seconds.</summary>
public sealed class WeComTicketResponse : WeComResponse
{
    [JsonPropertyName("ticket")]
    public string? Ticket { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }
}
