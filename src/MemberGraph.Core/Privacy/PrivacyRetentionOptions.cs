namespace MemberGraph.Privacy;

/// <summary>The retention keys of the <c>Privacy:*</c> section: how long personal data kept only for delivery may stay.</summary>
public sealed class PrivacyRetentionOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// How long a member's data export stays in <see cref="PrivacyExportFolder"/> after it was written before the
    /// <c>privacy-export-purge</c> job deletes it: long enough to download, no longer.
    /// </summary>
    public TimeSpan ExportRetention { get; set; } = TimeSpan.FromDays(7);
}
