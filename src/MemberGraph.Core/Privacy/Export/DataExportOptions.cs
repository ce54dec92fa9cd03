namespace MemberGraph.Privacy.Export;

/// <summary>The export keys of the <c>Privacy</c> configuration section.</summary>
public sealed class DataExportOptions
{
    public const string Section = "Privacy";

    /// <summary>How long a download link of <c>exportMyData</c> works, in minutes: 15 by default, 1 to 60.</summary>
    public int ExportLinkMinutes { get; set; } = 15;

    /// <summary>How long a built export is kept for further links the same business day: a day.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);
}
