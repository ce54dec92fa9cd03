using MemberGraph.Partners;

namespace MemberGraph.Privacy;

/// <summary>
/// One change of one of a member's consents, whatever its purpose: who (the member), what for (purpose and scope: a
/// subscribe-message template or a partner), granted or revoked, where, when. Only appended, in the transaction of the
/// change, by <see cref="AppendToConsentLedger"/>; a call that changes nothing writes nothing. Every acceptance of a
/// subscribe-message template is its own GRANTED entry, since each allows one message.
/// </summary>
public sealed class ConsentLedgerEntry
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public ConsentPurpose Purpose { get; set; }

    /// <summary>The subscribe-message template, for <see cref="ConsentPurpose.SubscribeMessage"/>.</summary>
    public string? TemplateId { get; set; }

    /// <summary>The partner, for the partner purposes.</summary>
    public long? PartnerId { get; set; }

    public ConsentAction Action { get; set; }
    public ConsentChannel Channel { get; set; }
    public DateTime At { get; set; }
}

public enum ConsentAction
{
    Granted = 0,
    Revoked = 1,
}
