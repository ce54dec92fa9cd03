namespace MemberGraph.Partners;

/// <summary>
/// A member's live consent to share with one partner for one purpose (PIPL Art. 23: separate consent before personal
/// information goes to a third party). Only live consents are rows here — revoking deletes the row — so "does this
/// member consent" is one indexed lookup on every partner request; the history is the append-only
/// <see cref="PartnerConsentLedgerEntry"/>. At most one row per (member, partner, purpose).
/// </summary>
public sealed class PartnerConsent
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long PartnerId { get; set; }
    public PartnerConsentPurpose Purpose { get; set; }
    public ConsentChannel Channel { get; set; }
    public DateTime GrantedAt { get; set; }
}

/// <summary>What a member agrees to share with a partner.</summary>
public enum PartnerConsentPurpose
{
    /// <summary>The member's tier and the benefits the brand shares with this partner.</summary>
    Benefits = 0,

    /// <summary>Exchanging points with this partner (its benefits for brand points, its credits into the ledger).</summary>
    PointsExchange = 1,
}

/// <summary>Where a consent was given or withdrawn.</summary>
public enum ConsentChannel
{
    /// <summary>The member, in the mini-program.</summary>
    MiniProgram = 0,

    /// <summary>WeChat itself: it refused a subscribe message because the member no longer accepts the template.</summary>
    WechatPlatform = 1,

    /// <summary>Withdrawn because the member asked to be erased (<c>requestErasure</c>) or was erased.</summary>
    Erasure = 2,
}
