using System.Globalization;
using MemberGraph.Jobs;
using Microsoft.Extensions.Options;

namespace MemberGraph.Privacy;

/// <summary>
/// Deletes data exports written longer ago than <c>Privacy:ExportRetention</c> (7 days) from
/// <see cref="PrivacyExportFolder"/>, daily at 04:45, and the subfolders that leaves empty. A file's age is its last write
/// time. Links are not followed: only what lies inside the folder is deleted. The folder is per instance: with several
/// gateways, exports must be written where the instance running the job sees them (a shared volume).
/// </summary>
public sealed class PrivacyExportPurgeJob(
    PrivacyExportFolder folder, IOptions<PrivacyRetentionOptions> options, ILogger<PrivacyExportPurgeJob> logger) : IMemberGraphJob
{
    private const int ReportEvery = 500;

    private static readonly EnumerationOptions Everything = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        ReturnSpecialDirectories = false,
    };

    public string Name => "privacy-export-purge";

    public string Schedule => "0 45 4 * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var writtenBefore = run.Now - options.Value.ExportRetention;
        long purged = 0, kept = 0;
        var files = Directory.Exists(folder.Path) ? Directory.GetFiles(folder.Path, "*", Everything) : [];
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = new FileInfo(file);
            if (info.LastWriteTimeUtc >= writtenBefore)
            {
                kept++;
                continue;
            }

            info.Delete();
            if (++purged % ReportEvery == 0)
            {
                await run.ReportAsync(purged, files.Length, Summary(writtenBefore, purged, kept), cancellationToken);
            }
        }

        var folders = RemoveEmptySubfolders();
        logger.LogInformation(
            "Privacy export purge: {Purged} export file(s) written before {Before:O} deleted, {Kept} kept, {Folders} empty folder(s) removed",
            purged, writtenBefore, kept, folders);
        await run.ReportAsync(purged, files.Length, Summary(writtenBefore, purged, kept), cancellationToken);
    }

    /// <summary>Deepest first, so a folder emptied by removing its own subfolders goes too; the export folder itself stays.</summary>
    private int RemoveEmptySubfolders()
    {
        if (!Directory.Exists(folder.Path))
        {
            return 0;
        }

        var removed = 0;
        foreach (var directory in Directory.GetDirectories(folder.Path, "*", Everything).OrderByDescending(d => d.Length))
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
                removed++;
            }
        }

        return removed;
    }

    private static string Summary(DateTime writtenBefore, long purged, long kept) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"writtenBefore\":\"{writtenBefore:O}\",\"purged\":{purged},\"kept\":{kept}}}");
}
