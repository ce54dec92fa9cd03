using System.Security.Cryptography;

namespace MemberGraph.Partners;

/// <summary>
/// The id one partner knows a member by (like OpenID Connect's pairwise subject): created with the member's first
/// consent to that partner and kept from then on, through revocations and new grants, so the partner's own records
/// stay joined. It is random — nothing of the member id is in it — and each partner gets its own, so two partners
/// cannot join their data on it. One per (member, partner); unique per partner.
/// </summary>
public sealed class PairwiseIdentity
{
    public const int Length = 24;

    public long Id { get; set; }
    public long MemberId { get; set; }
    public long PartnerId { get; set; }

    /// <summary>24 characters of Crockford base32 (120 random bits): what the partner sees as <c>PartnerMember.id</c>.</summary>
    public string PairwiseId { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public static string NewPairwiseId() => Members.Base32.Encode(RandomNumberGenerator.GetBytes(15));
}
