using System.Globalization;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Audit;

/// <summary>Which log an <see cref="AuditRecord"/> comes from.</summary>
public enum AuditKind
{
    /// <summary>The audit log: changes (mutations, jobs, platform callbacks).</summary>
    Audit = 0,

    /// <summary>The access log: reads of another person's personal information.</summary>
    Access = 1,
}

/// <summary>Conditions on <c>auditEntries</c>; all given ones must hold. <see cref="To"/> is exclusive.</summary>
public sealed record AuditFilter(long? MemberId, string? Actor, string? Operation, DateTime? From, DateTime? To, AuditKind? Kind);

/// <summary>
/// An entry of either log as admins read them together. <see cref="Position"/> orders entries of the same instant and is
/// the page cursor: the row id, doubled, plus one for the access log.
/// </summary>
public sealed record AuditRecord(
    AuditKind Kind, long Id, DateTime At, string Actor, string Role, string Operation, long? MemberId, string? Target, string? Detail, string? Fields)
{
    public long Position => Id * 2 + (Kind == AuditKind.Access ? 1 : 0);
}

public sealed record AuditPage(IReadOnlyList<AuditRecord> Rows, int? Total);

/// <summary>
/// <c>auditEntries</c>: the audit log and the access log as one list, newest first (by time, then by
/// <see cref="AuditRecord.Position"/>), paged by keyset on both tables: each gives its next rows after the cursor's
/// (time, position) — within one log the position grows with the id — and the two pages are merged. Asking about reads
/// first flushes the access log's queue.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<MemberGraphDb> factory, AccessLog accessLog)
{
    private const string MemberTarget = "Member:";

    /// <summary>Up to <paramref name="take"/> entries after the cursor <paramref name="after"/>; null when no entry has that position (any more).</summary>
    public async Task<AuditPage?> ReadAsync(AuditFilter filter, int take, long? after, bool count, CancellationToken cancellationToken)
    {
        if (filter.Kind != AuditKind.Audit)
        {
            await accessLog.FlushAsync(cancellationToken);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        (DateTime At, long Position)? cursor = null;
        if (after is { } position)
        {
            if (await AtAsync(db, position, cancellationToken) is not { } at)
            {
                return null;
            }

            cursor = (at, position);
        }

        var rows = new List<AuditRecord>();
        int? total = count ? 0 : null;
        if (filter.Kind != AuditKind.Access)
        {
            var audit = Audit(db, filter);
            if (cursor is { } c)
            {
                var maxId = (c.Position - 1) / 2; // audit ids whose position (2·id) is below the cursor's
                audit = audit.Where(a => a.At < c.At || (a.At == c.At && a.Id <= maxId));
            }

            var page = await audit.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
            rows.AddRange(page.Select(a => new AuditRecord(AuditKind.Audit, a.Id, a.At, a.Subject, a.Role, a.Operation, MemberOf(a.Target), a.Target, a.Detail, null)));
            total += count ? await Audit(db, filter).CountAsync(cancellationToken) : 0;
        }

        if (filter.Kind != AuditKind.Audit)
        {
            var access = Access(db, filter);
            if (cursor is { } c)
            {
                var maxId = (c.Position - 2) / 2; // access ids whose position (2·id + 1) is below the cursor's
                access = access.Where(e => e.At < c.At || (e.At == c.At && e.Id <= maxId));
            }

            var page = await access.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken);
            rows.AddRange(page.Select(e =>
                new AuditRecord(AuditKind.Access, e.Id, e.At, e.Subject, e.Role, e.Operation, e.MemberId, MemberTarget + e.MemberId.ToString(CultureInfo.InvariantCulture), null, e.Fields)));
            total += count ? await Access(db, filter).CountAsync(cancellationToken) : 0;
        }

        return new AuditPage(rows.OrderByDescending(r => r.At).ThenByDescending(r => r.Position).Take(take).ToList(), total);
    }

    /// <summary>The member an audit target names (<c>Member:12</c>), if it names one.</summary>
    public static long? MemberOf(string target) =>
        target.StartsWith(MemberTarget, StringComparison.Ordinal)
        && long.TryParse(target.AsSpan(MemberTarget.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    private static IQueryable<AuditEntry> Audit(MemberGraphDb db, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (filter.MemberId is { } memberId)
        {
            var target = MemberTarget + memberId.ToString(CultureInfo.InvariantCulture);
            entries = entries.Where(a => a.Target == target);
        }

        entries = filter.Actor is { } actor ? entries.Where(a => a.Subject == actor) : entries;
        entries = filter.Operation is { } operation ? entries.Where(a => a.Operation == operation) : entries;
        entries = filter.From is { } from ? entries.Where(a => a.At >= from) : entries;
        return filter.To is { } to ? entries.Where(a => a.At < to) : entries;
    }

    private static IQueryable<AccessLogEntry> Access(MemberGraphDb db, AuditFilter filter)
    {
        var entries = db.AccessLog.AsNoTracking();
        entries = filter.MemberId is { } memberId ? entries.Where(e => e.MemberId == memberId) : entries;
        entries = filter.Actor is { } actor ? entries.Where(e => e.Subject == actor) : entries;
        entries = filter.Operation is { } operation ? entries.Where(e => e.Operation == operation) : entries;
        entries = filter.From is { } from ? entries.Where(e => e.At >= from) : entries;
        return filter.To is { } to ? entries.Where(e => e.At < to) : entries;
    }

    private static Task<DateTime?> AtAsync(MemberGraphDb db, long position, CancellationToken cancellationToken)
    {
        var id = position / 2;
        return position % 2 == 0
            ? db.AuditEntries.Where(a => a.Id == id).Select(a => (DateTime?)a.At).FirstOrDefaultAsync(cancellationToken)
            : db.AccessLog.Where(e => e.Id == id).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(cancellationToken);
    }
}
