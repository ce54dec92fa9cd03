namespace MemberGraph.Partners;

/// <summary>
/// A partner mall or store (权益互通) registered by an admin: it signs in with the OAuth client-credentials grant
/// (<see cref="ClientId"/> and a secret kept only as <see cref="SecretHash"/>) and may be granted the scopes of
/// <see cref="Scopes"/>. It reaches a member only while that member consents to it (<see cref="PartnerConsent"/>), and
/// then only under the member's pairwise id for it (<see cref="PairwiseIdentity"/>), never the member's own id.
/// </summary>
public sealed class Partner
{
    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The OAuth <c>client_id</c>: public, unique, never changes.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>SHA-256 of the current secret (<see cref="PartnerSecret"/>); the secret itself is shown once and never stored.</summary>
    public byte[] SecretHash { get; set; } = [];

    /// <summary>
    /// Counts the secrets this partner has had (1 at registration). Tokens carry the version they were issued under
    /// and are refused once it moved on, so rotating a secret also ends the tokens of the old one.
    /// </summary>
    public int SecretVersion { get; set; } = 1;

    /// <summary>The OAuth scopes the partner may be granted, space-separated in <see cref="PartnerScopes"/>' order.</summary>
    public string Scopes { get; set; } = "";

    public PartnerStatus Status { get; set; } = PartnerStatus.Active;
    public DateTime CreatedAt { get; set; }

    /// <summary>When the current secret was issued (registration or the last rotation).</summary>
    public DateTime SecretRotatedAt { get; set; }
}

public enum PartnerStatus
{
    /// <summary>Signs in and reaches its consenting members.</summary>
    Active = 0,

    /// <summary>Refused at sign-in (<c>invalid_client</c>) and its tokens refused; members cannot grant it consent.</summary>
    Suspended = 1,
}
