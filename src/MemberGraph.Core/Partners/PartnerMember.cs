using System.Globalization;

namespace MemberGraph.Partners;

/// <summary>
/// A member as one partner sees them: their pairwise id for that partner, a masked display name, and the purposes they
/// consent to with it. Nothing else — no member id, no phone. (The benefit fields come with the federation entity of
/// the same name.)
/// </summary>
public sealed record PartnerMember(string PairwiseId, string DisplayName, IReadOnlyList<PartnerConsentPurpose> Purposes)
{
    /// <summary>
    /// The member's own id, for the gateway's reads of this member's benefits (coupons, points). It never leaves the
    /// gateway: no field of the schema shows it; the partner knows the member by <see cref="PairwiseId"/> alone.
    /// </summary>
    public long MemberId { get; init; }

    /// <summary>The partner who sees the member: the calling partner, whose consents and benefits were read.</summary>
    public long PartnerId { get; init; }

    /// <summary>The member's tier name, only while they consent to this partner for BENEFITS (else null).</summary>
    public string? TierName { get; init; }

    /// <summary>Whether the member consents to this partner for <paramref name="purpose"/> (as read at this request).</summary>
    public bool ConsentsTo(PartnerConsentPurpose purpose) => Purposes.Contains(purpose);

    /// <summary>
    /// The first character and two stars whatever the length (张** for 张三 and 张三丰 alike): enough to greet, not to identify.
    /// </summary>
    public static string MaskName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length == 0 ? "**" : trimmed[..StringInfo.GetNextTextElementLength(trimmed)] + "**";
    }
}
