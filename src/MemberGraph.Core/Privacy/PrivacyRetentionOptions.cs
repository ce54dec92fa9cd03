namespace MemberGraph.Privacy;

/// <summary>The retention keys of the <c>Privacy:*</c> section: how long personal data kept for a purpose may stay once the purpose is served.</summary>
public sealed class PrivacyRetentionOptions
{
    public const string Section = "Privacy";

    /// <summary>The floor for <see cref="AccessLogRetention"/>: six months, what the Cybersecurity Law (Art. 21) asks of network logs.</summary>
    public static readonly TimeSpan MinimumAccessLogRetention = TimeSpan.FromDays(180);

    /// <summary>How long an access-log line stays (<c>access-log-purge</c>): a year by default, six months at least.</summary>
    public TimeSpan AccessLogRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long the record of a sent subscribe message stays (<c>subscribe-message-purge</c>): 90 days by default.</summary>
    public TimeSpan SubscribeMessageRetention { get; set; } = TimeSpan.FromDays(90);
}
