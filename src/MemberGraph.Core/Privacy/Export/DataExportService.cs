using System.Text;
using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Jobs;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Export;

/// <summary>An export and the link just issued for it.</summary>
public sealed record IssuedDataExport(long ExportId, DateTime CreatedAt, DataExportLink Link);

/// <summary>
/// <c>exportMyData</c>: the signed-in member (a merged member's earlier token exports the survivor) gets a download link to
/// a copy of their data. The copy is built at most once per business day (China time): asking again the same day issues
/// a new link to the copy built earlier that day (as built then), which is what a member who lost the link needs and what
/// keeps a script from rebuilding the file in a loop. Building one deletes the member's earlier copies. Every call is
/// audited on the member ("privacy.export").
/// </summary>
public sealed class DataExportService(
    IDbContextFactory<MemberGraphDb> factory, DataExportDocument document, DataExportLinks links, AuditLog audit, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<Outcome<IssuedDataExport>> ExportAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.Is(Roles.Member) || caller.MemberId is not { } self)
        {
            throw RequestRefusedException.NotAuthorized("export a member's data without a member id in the token");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryExportAsync(caller, self, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsUniqueViolation())
            {
                // A parallel call built today's copy first: the next attempt issues a link to it.
            }
        }
    }

    /// <summary>The business day (China time) an instant falls on: the once-a-day rule counts by it.</summary>
    public static DateOnly BusinessDayOf(DateTime utc) => DateOnly.FromDateTime(ChinaTime.ToChina(utc));

    private async Task<Outcome<IssuedDataExport>> TryExportAsync(Caller caller, long tokenMemberId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await MemberReader.FollowMergesAsync(db, tokenMemberId, cancellationToken);
        if (member is not { Status: MemberStatus.Active })
        {
            return Outcome<IssuedDataExport>.Refused(UserErrorCode.NotFound, "This member no longer exists; sign in again.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var day = BusinessDayOf(now);
        var today = await db.DataExports.AsNoTracking().Where(e => e.MemberId == member.Id && e.BusinessDay == day)
            .Select(e => new { e.Id, e.CreatedAt, e.KeptUntil }).FirstOrDefaultAsync(cancellationToken);
        if (today is not null)
        {
            audit.Record(db, caller, "privacy.export", MemberMerger.Target(member.Id),
                $"export {today.Id} of {day:yyyy-MM-dd}: a new link (built {today.CreatedAt:O})");
            await db.SaveChangesAsync(cancellationToken);
            return Outcome<IssuedDataExport>.Ok(new IssuedDataExport(today.Id, today.CreatedAt, links.Issue(today.Id, now, today.KeptUntil)));
        }

        // Built before the transaction, so no write lock waits on the reads; a parallel call that stored today's copy
        // first makes the insert below a unique violation, and the retry links to that copy.
        var export = new DataExport
        {
            MemberId = member.Id,
            BusinessDay = day,
            CreatedAt = now,
            KeptUntil = now + DataExportOptions.KeptFor,
            Content = await document.BuildAsync(db, member, now, cancellationToken),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DataExports.Where(e => e.MemberId == member.Id && e.BusinessDay != day).ExecuteDeleteAsync(cancellationToken);
        db.DataExports.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, caller, "privacy.export", MemberMerger.Target(member.Id),
            $"export {export.Id} of {day:yyyy-MM-dd} built ({Encoding.UTF8.GetByteCount(export.Content)} bytes)");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<IssuedDataExport>.Ok(new IssuedDataExport(export.Id, export.CreatedAt, links.Issue(export.Id, now, export.KeptUntil)));
    }
}
