using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Export;

/// <summary>What a download link opens: the file, or why not (the endpoint answers 403 or 404 and says nothing more).</summary>
public sealed record DataExportDownload(DataExportDownloadStatus Status, string? Content = null, DateOnly BusinessDay = default);

public enum DataExportDownloadStatus
{
    Ok,

    /// <summary>The link was not signed by this gateway (made up or changed).</summary>
    Forged,

    /// <summary>The link expired, or the file is gone (replaced by a newer export, past its keeping time, or erased).</summary>
    Gone,
}

/// <summary>
/// Opens an export by its signed link (<c>GET /privacy/exports/{id}?expires=...&amp;signature=...</c>): no bearer token, the
/// link is the proof. Each download is audited on the member ("privacy.export.download"), by the link.
/// </summary>
public sealed class DataExportDownloads(IDbContextFactory<MemberGraphDb> factory, DataExportLinks links, AuditLog audit, TimeProvider clock)
{
    private static readonly Caller ByLink = Caller.Anonymous with { Subject = "export-link" };

    public async Task<DataExportDownload> OpenAsync(string id, string? expires, string? signature, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var check = links.Verify(id, expires, signature, now);
        if (check.Status != DataExportLinkStatus.Valid)
        {
            return new DataExportDownload(check.Status == DataExportLinkStatus.Forged ? DataExportDownloadStatus.Forged : DataExportDownloadStatus.Gone);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var export = await db.DataExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == check.ExportId && e.KeptUntil > now, cancellationToken);
        if (export is null)
        {
            return new DataExportDownload(DataExportDownloadStatus.Gone);
        }

        audit.Record(db, ByLink, "privacy.export.download", MemberMerger.Target(export.MemberId),
            $"export {export.Id} of {export.BusinessDay:yyyy-MM-dd}");
        await db.SaveChangesAsync(cancellationToken);
        return new DataExportDownload(DataExportDownloadStatus.Ok, export.Content, export.BusinessDay);
    }
}
