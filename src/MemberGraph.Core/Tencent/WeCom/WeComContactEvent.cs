namespace MemberGraph.Tencent.WeCom;

/// <summary>
/// A decrypted <c>change_external_contact</c> event. <see cref="UserId"/> is the corp member (the guide);
/// <see cref="State"/> the contact-way state (our guide code); <see cref="FailReason"/> only on <c>transfer_fail</c>;
/// <see cref="Source"/> only on <c>del_external_contact</c> (<c>DELETE_BY_TRANSFER</c> when a transfer removed it).
/// </summary>
public sealed record WeComContactEvent(
    string ChangeType,
    long CreateTime,
    string UserId,
    string ExternalUserId,
    string? State,
    string? FailReason,
    string? Source)
{
    public const string Event = "change_external_contact";
    public const string AddExternalContact = "add_external_contact";
    public const string AddHalfExternalContact = "add_half_external_contact";
    public const string EditExternalContact = "edit_external_contact";
    public const string DelExternalContact = "del_external_contact";
    public const string DelFollowUser = "del_follow_user";
    public const string TransferFail = "transfer_fail";
    public const string DeleteByTransfer = "DELETE_BY_TRANSFER";

    /// <summary>The event's fields, or null when it is not a change_external_contact event we can act on.</summary>
    public static WeComContactEvent? From(IReadOnlyDictionary<string, string> fields)
    {
        if (fields.GetValueOrDefault("Event") != Event
            || fields.GetValueOrDefault("ChangeType") is not { Length: > 0 } changeType
            || fields.GetValueOrDefault("UserID") is not { Length: > 0 } userId
            || fields.GetValueOrDefault("ExternalUserID") is not { Length: > 0 } externalUserId
            || !long.TryParse(fields.GetValueOrDefault("CreateTime"), out var createTime))
        {
            return null;
        }

        return new WeComContactEvent(changeType, createTime, userId, externalUserId,
            NullIfEmpty(fields.GetValueOrDefault("State")), NullIfEmpty(fields.GetValueOrDefault("FailReason")), NullIfEmpty(fields.GetValueOrDefault("Source")));
    }

    /// <summary>What makes a delivery the same event: WeCom redelivers with the same fields when we answer late.</summary>
    public string IdempotencyKey()
    {
        var text = string.Join('\n', CreateTime.ToString(System.Globalization.CultureInfo.InvariantCulture), ChangeType, UserId, ExternalUserId);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>Acts on a contact event (implemented by the Guides feature).</summary>
public interface IWeComContactEventHandler
{
    Task HandleAsync(WeComContactEvent contactEvent, CancellationToken cancellationToken);
}
