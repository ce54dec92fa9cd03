namespace MemberGraph.Privacy;

/// <summary>
/// What a member's consent is for, across the one consent ledger: marketing (subscribe messages, guide outreach) and
/// sharing with partners (PIPL Art. 23 wants separate consent for each).
/// </summary>
public enum ConsentPurpose
{
    /// <summary>A WeChat subscribe-message template (scope: its template id): each acceptance allows one message.</summary>
    SubscribeMessage = 0,

    /// <summary>Guides may contact the member proactively (a message they did not ask for, a guide task aimed at them).</summary>
    GuideOutreach = 1,

    /// <summary>Sharing the tier and the shared benefits with a partner (scope: the partner).</summary>
    PartnerBenefits = 2,

    /// <summary>Exchanging points with a partner (scope: the partner).</summary>
    PartnerPointsExchange = 3,
}
