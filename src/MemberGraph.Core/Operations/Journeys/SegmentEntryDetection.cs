using MemberGraph.Data;
using MemberGraph.Segments;
using MemberGraph.Tags.Tagging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Operations.Journeys;

/// <summary>What one evaluation of a watched segment found.</summary>
public sealed record SegmentEntryFigures(long Ranges, long Entered, long Left, long Enrolled)
{
    public static readonly SegmentEntryFigures None = new(0, 0, 0, 0);

    public SegmentEntryFigures Plus(SegmentEntryFigures other) =>
        new(Ranges + other.Ranges, Entered + other.Entered, Left + other.Left, Enrolled + other.Enrolled);
}

/// <summary>
/// Finds who entered a saved segment since its last evaluation, set-based: member id range by range, one query lists
/// the range's members who match the segment now but were not in it at the last evaluation (no <see cref="SegmentMembership"/>
/// row, or one that is out), one UPDATE marks out the rows of members who no longer match, and the entries are written
/// (a new row, or entry number n + 1) with the journeys' enrolments in the same transaction. A range applied twice finds
/// nothing the second time, so an evaluation interrupted half-way and run again enrols each entry once; the occurrence
/// <c>segment:&lt;segment id&gt;:&lt;entry number&gt;</c> and the enrolments' unique index make that hold across gateways too.
/// With no journey to enrol in, an evaluation is a baseline: it records who is in without enrolling anybody.
/// </summary>
public sealed class SegmentEntryDetection(
    IDbContextFactory<MemberGraphDb> factory, SegmentService segments, JourneyEnroller enroller, IOptions<TaggingOptions> options,
    ILogger<SegmentEntryDetection> logger)
{
    /// <summary>Ids per <c>IN (...)</c> list (SQL Server takes at most 2,100 parameters).</summary>
    private const int ListedIds = 1_000;

    private const int Attempts = 3;

    // Evaluations and journey activations in this process take turns: an activation's baseline and a tagging run's
    // evaluation of the same segment never interleave (across gateways the conditional writes decide).
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Evaluates the segment over every member and enrols each entry in <paramref name="journeys"/> (none: a baseline).</summary>
    public async Task<SegmentEntryFigures> DetectAsync(long segmentId, IReadOnlyList<Journey> journeys, DateTime now, CancellationToken cancellationToken)
    {
        long first, last;
        string? expression;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            expression = await db.Segments.Where(s => s.Id == segmentId).Select(s => s.Expression).FirstOrDefaultAsync(cancellationToken);
            first = await db.Members.MinAsync(m => (long?)m.Id, cancellationToken) ?? 0;
            last = await db.Members.MaxAsync(m => (long?)m.Id, cancellationToken) ?? -1;
        }

        var audience = expression is null ? null : (await segments.CompileAsync(expression, cancellationToken)).Audience;
        if (audience is null)
        {
            // a deleted segment, or one naming a tag retired since: nobody enters (and nobody is marked out)
            logger.LogWarning("Segment {SegmentId} cannot be evaluated (missing, or its expression no longer compiles); no entries detected", segmentId);
            return SegmentEntryFigures.None;
        }

        // the tagging run's batch size: member ids per range, one read, one UPDATE and one transaction each
        var size = Math.Max(1, options.Value.BatchSize);
        var figures = SegmentEntryFigures.None;
        for (var from = first; from <= last; from += size)
        {
            var range = await ApplyWithRetryAsync(segmentId, audience, from, Math.Min(last, from + size - 1), journeys, now, cancellationToken);
            figures = figures.Plus(range);
        }

        logger.LogInformation("Segment {SegmentId}: {Entered} entered, {Left} left, {Enrolled} enrolments in {Journeys} journeys ({Ranges} ranges)",
            segmentId, figures.Entered, figures.Left, figures.Enrolled, journeys.Count, figures.Ranges);
        return figures;
    }

    private async Task<SegmentEntryFigures> ApplyWithRetryAsync(long segmentId, SegmentAudience audience, long from, long to, IReadOnlyList<Journey> journeys,
        DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(segmentId, audience, from, to, journeys, now, cancellationToken);
            }
            catch (Exception ex) when (attempt < Attempts && (ex is DbUpdateException update && update.IsRetryable() || ex is SegmentEntryConflict))
            {
                // another gateway evaluated this range meanwhile: compare again
                logger.LogWarning("Segment {SegmentId} range {From}-{To} met a concurrent evaluation; retrying", segmentId, from, to);
            }
        }
    }

    private async Task<SegmentEntryFigures> ApplyAsync(long segmentId, SegmentAudience audience, long from, long to, IReadOnlyList<Journey> journeys,
        DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var matching = audience.MembersIn(db).Where(m => m.Id >= from && m.Id <= to);
        var known = db.SegmentMemberships.Where(s => s.SegmentId == segmentId && s.MemberId >= from && s.MemberId <= to);

        var entering = await (
                from m in matching
                join s in known on m.Id equals s.MemberId into rows
                from s in rows.DefaultIfEmpty()
                where s == null || !s.IsIn
                select new { m.Id, Entries = s == null ? 0 : s.Entries })
            .ToListAsync(cancellationToken);

        var left = await known.Where(s => s.IsIn && !matching.Any(m => m.Id == s.MemberId))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.IsIn, false).SetProperty(s => s.ChangedAt, now), cancellationToken);

        var returning = entering.Where(e => e.Entries > 0).Select(e => e.Id).ToList();
        foreach (var chunk in returning.Chunk(ListedIds))
        {
            var updated = await known.Where(s => !s.IsIn && chunk.Contains(s.MemberId))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.IsIn, true).SetProperty(s => s.Entries, s => s.Entries + 1).SetProperty(s => s.ChangedAt, now),
                    cancellationToken);
            if (updated != chunk.Length)
            {
                throw new SegmentEntryConflict();
            }
        }

        db.SegmentMemberships.AddRange(entering.Where(e => e.Entries == 0)
            .Select(e => new SegmentMembership { SegmentId = segmentId, MemberId = e.Id, IsIn = true, Entries = 1, ChangedAt = now }));
        var entries = entering.ConvertAll(e => new SegmentEntry(e.Id, e.Entries + 1));
        var enrolled = await enroller.EnrolEntriesAsync(db, journeys, segmentId, from, to, entries, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SegmentEntryFigures(1, entering.Count, left, enrolled);
    }

    /// <summary>A conditional write found the range changed by another evaluation since it was read.</summary>
    private sealed class SegmentEntryConflict() : Exception("A segment range changed under this evaluation.");
}

/// <summary>A member's n-th entry into a segment.</summary>
public sealed record SegmentEntry(long MemberId, int Number);
