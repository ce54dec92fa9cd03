namespace MemberGraph.Partners;

/// <summary>
/// One change of a member's consent to a partner: who (the member), which partner and purpose, granted or revoked,
/// where and when. Only appended, in the transaction of the change, and only for changes: granting a live consent
/// again or revoking one that is not live changes nothing and writes nothing.
/// </summary>
public sealed class PartnerConsentLedgerEntry
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long PartnerId { get; set; }
    public PartnerConsentPurpose Purpose { get; set; }
    public PartnerConsentAction Action { get; set; }
    public ConsentChannel Channel { get; set; }
    public DateTime At { get; set; }
}

public enum PartnerConsentAction
{
    Granted = 0,
    Revoked = 1,
}
