namespace MemberGraph.Auth;

/// <summary>The <c>Auth:*</c> section: the HS256 token contract shared with scripts and other services.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Base64 or UTF-8 text of at least 32 bytes. When empty, a development key is kept in the data folder.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "membergraph";
    public string Audience { get; set; } = "membergraph";
    public TimeSpan MemberTokenLifetime { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan StaffTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The longest lifetime a token may have left when it is presented, whoever minted it: a token whose <c>exp</c> is
    /// further away is refused like an invalid one. Covers the gateway's own tokens and <c>dev-token</c> (7 days for
    /// members, 12 hours otherwise); must be at least <see cref="MemberTokenLifetime"/> and <see cref="StaffTokenLifetime"/>.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a dynamic member code (the QR shown at the till) stays valid.</summary>
    public TimeSpan MemberCodeLifetime { get; set; } = TimeSpan.FromSeconds(60);
}
