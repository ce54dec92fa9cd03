using MemberGraph.Partners;

namespace MemberGraph.Privacy;

/// <summary>
/// A member's marketing consent now, one row per (member, purpose, template): what processing reads before it contacts
/// the member, in one indexed lookup; the history is the <see cref="ConsentLedgerEntry"/> ledger.
/// <para>
/// <see cref="ConsentPurpose.SubscribeMessage"/> counts, as WeChat does for one-time templates: every acceptance of
/// <c>wx.requestSubscribeMessage</c> allows the mini-program to send one message of that template, so
/// <see cref="Remaining"/> is the acceptances not yet used; a message takes one, and a row at 0 allows nothing (it stays,
/// so that an acceptance given back after a failed send finds it). <see cref="ConsentPurpose.GuideOutreach"/> is a
/// standing opt-in: a row while it holds (<see cref="Remaining"/> null), none once revoked.
/// </para>
/// </summary>
public sealed class MarketingConsent
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public ConsentPurpose Purpose { get; set; }

    /// <summary>The subscribe-message template; empty for <see cref="ConsentPurpose.GuideOutreach"/> (empty, not null, so that the unique index holds on every provider).</summary>
    public string TemplateId { get; set; } = "";

    /// <summary>Acceptances not yet used (subscribe messages); null for a standing opt-in.</summary>
    public int? Remaining { get; set; }

    public ConsentChannel Channel { get; set; }

    /// <summary>When the row was created: the first acceptance, or the opt-in.</summary>
    public DateTime GrantedAt { get; set; }

    /// <summary>The latest acceptance or opt-in.</summary>
    public DateTime LastGrantedAt { get; set; }
}
