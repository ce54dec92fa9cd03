using MemberGraph.Data;

namespace MemberGraph.Privacy;

/// <summary>
/// Where data exports are written as files: <c>privacy-exports/</c> in the data folder (<c>MemberGraph:DataDir</c>),
/// subfolders allowed. Every file there is personal data kept only to be delivered, so the <c>privacy-export-purge</c> job
/// deletes each one <c>Privacy:ExportRetention</c> after its last write, whatever wrote it.
/// </summary>
public sealed class PrivacyExportFolder(DataFolder data)
{
    public const string Name = "privacy-exports";

    public string Path { get; } = System.IO.Path.Combine(data.Path, Name);
}
