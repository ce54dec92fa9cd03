using System.Diagnostics;
using MemberGraph.Data;
using MemberGraph.Jobs;
using MemberGraph.Tags.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tags.Tagging;

/// <summary>
/// Evaluates RULE tags set-based in the database, batch by batch of member ids: for each batch every rule's
/// matching set is computed by SQL, compared with the batch's assignments, and the difference applied in one
/// transaction. A batch applied twice changes nothing the second time, so a run killed half-way and started again
/// ends where an uninterrupted run would (the unique (TagId, MemberId) index forbids duplicates in any case).
/// Runs in this process are serialised (full and incremental never interleave their writes).
/// </summary>
public sealed class TaggingEngine(IDbContextFactory<MemberGraphDb> factory, IEnumerable<ITagRuleEvaluator> evaluators, IEnumerable<ITaggingRunListener> listeners,
    IOptions<TaggingOptions> options, ILogger<TaggingEngine> logger)
{
    private const int Attempts = 3;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<TagRuleKind, ITagRuleEvaluator> _evaluators = evaluators.ToDictionary(e => e.Kind);

    public async Task<TaggingSummary> RunAsync(TaggingMode mode, JobRunContext run, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RunExclusiveAsync(mode, run, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<TaggingSummary> RunExclusiveAsync(TaggingMode mode, JobRunContext run, CancellationToken cancellationToken)
    {
        TaggingPlan plan;
        long total = 0;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            plan = await TaggingPlan.LoadAsync(db, mode, _evaluators.Keys.ToHashSet(), options.Value.WatermarkOverlap, cancellationToken);
            foreach (var pass in plan.Passes)
            {
                total += await MembersOf(db, pass.TouchedSince, run.Now).LongCountAsync(cancellationToken);
            }
        }

        var summary = new TaggingSummary(mode, plan.Watermark, plan.Passes.SelectMany(p => p.Tags).Select(t => t.Id).Distinct().Count(), plan.Skipped);
        await run.ReportAsync(0, total, summary.ToJson(), cancellationToken);
        logger.LogInformation("Tagging {Mode}: {Passes} passes over {Total} members, watermark {Watermark}, skipped rules {Skipped}",
            mode, plan.Passes.Count, total, plan.Watermark, plan.Skipped);

        foreach (var pass in plan.Passes)
        {
            await foreach (var (batch, members) in BatchesAsync(pass.TouchedSince, run.Now, cancellationToken))
            {
                var clock = Stopwatch.StartNew();
                var diff = await ApplyWithRetryAsync(pass.Tags, batch, run, cancellationToken);
                summary.Add(members, diff.Missing.Count, diff.Stale.Count);
                logger.LogInformation("Tagging {Mode} batch {BatchNumber} (member ids {Range}): {Members} members, +{Assigned} -{Removed} assignments in {Elapsed} ms",
                    mode, summary.Batches, batch, members, diff.Missing.Count, diff.Stale.Count, clock.ElapsedMilliseconds);
                await run.ReportAsync(summary.Members, total, summary.ToJson(), cancellationToken);
            }
        }

        // what other features do with the run's result (segment entries for journeys), under the same gate
        foreach (var listener in listeners)
        {
            summary.AddFigures(await listener.TaggingRunFinishedAsync(run, cancellationToken));
        }

        await run.ReportAsync(summary.Members, total, summary.ToJson(), cancellationToken);
        return summary;
    }

    /// <summary>Every member, or those touched between the watermark and the run's start (later touches are the next run's).</summary>
    private static IQueryable<Members.Member> MembersOf(MemberGraphDb db, DateTime? touchedSince, DateTime now) =>
        touchedSince is { } since ? db.Members.Where(m => m.TouchedAt >= since && m.TouchedAt <= now) : db.Members;

    /// <summary>
    /// Full passes: consecutive id ranges of BatchSize ids. Touched passes: the touched members listed, in pages keyed
    /// by (TouchedAt, Id) so every page is a range scan of the TouchedAt index, however sparse the touched ids are.
    /// </summary>
    private async IAsyncEnumerable<(TagBatch Batch, long Members)> BatchesAsync(DateTime? touchedSince, DateTime now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = Math.Max(1, options.Value.BatchSize);
        if (touchedSince is { } since)
        {
            var (lastAt, lastId) = (since, 0L);
            while (true)
            {
                List<(long Id, DateTime TouchedAt)> page;
                await using (var db = await factory.CreateDbContextAsync(cancellationToken))
                {
                    var rows = await MembersOf(db, since, now)
                        .Where(m => m.TouchedAt >= lastAt && (m.TouchedAt > lastAt || m.Id > lastId))
                        .OrderBy(m => m.TouchedAt).ThenBy(m => m.Id)
                        .Select(m => new { m.Id, m.TouchedAt })
                        .Take(Math.Min(size, TagBatch.MaxListedMembers))
                        .ToListAsync(cancellationToken);
                    page = rows.ConvertAll(r => (r.Id, r.TouchedAt));
                }

                if (page.Count == 0)
                {
                    yield break;
                }

                (lastAt, lastId) = (page[^1].TouchedAt, page[^1].Id);
                var ids = page.Select(p => p.Id).Order().ToList();
                yield return (new TagBatch(ids[0], ids[^1], ids), ids.Count);
            }
        }

        long first, last;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            first = await db.Members.MinAsync(m => (long?)m.Id, cancellationToken) ?? 0;
            last = await db.Members.MaxAsync(m => (long?)m.Id, cancellationToken) ?? -1;
        }

        for (var from = first; from <= last; from += size)
        {
            var to = Math.Min(last, from + size - 1);
            long members;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                members = await db.Members.LongCountAsync(m => m.Id >= from && m.Id <= to, cancellationToken);
            }

            yield return (new TagBatch(from, to), members);
        }
    }

    private async Task<TagBatchDiff> ApplyWithRetryAsync(IReadOnlyList<TagToEvaluate> tags, TagBatch batch, JobRunContext run, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(tags, batch, run, cancellationToken);
            }
            catch (Exception ex) when (attempt < Attempts && ex is DbUpdateException or System.Data.Common.DbException && IsUniqueViolation(ex))
            {
                // Another instance's run wrote this batch meanwhile: compute the difference again.
                logger.LogWarning("Tagging batch {Batch} met a concurrent writer; retrying", batch);
            }
        }
    }

    private async Task<TagBatchDiff> ApplyAsync(IReadOnlyList<TagToEvaluate> tags, TagBatch batch, JobRunContext run, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var context = new RuleContext(db, batch, run.Now);
        var computed = new Dictionary<long, List<TagMatch>>();
        foreach (var tag in tags)
        {
            computed[tag.Id] = tag.Rule is { } rule ? await _evaluators[rule.Kind].MatchAsync(context, rule, cancellationToken) : [];
        }

        var tagIds = tags.Select(t => t.Id).ToList();
        var existing = await AssignmentsOf(db, batch).Where(a => tagIds.Contains(a.TagId))
            .Select(a => new ExistingAssignment(a.Id, a.TagId, a.MemberId, a.Value))
            .ToListAsync(cancellationToken);

        var diff = TagBatchDiff.Of(computed, existing);
        await MemberTagWriter.ApplyAsync(db, diff, run.RunId, run.Now, cancellationToken);
        return diff;
    }

    /// <summary>The batch's assignments, whatever the member's status (a merged member loses its rule tags).</summary>
    private static IQueryable<MemberTag> AssignmentsOf(MemberGraphDb db, TagBatch batch)
    {
        var (from, to) = (batch.FromId, batch.ToId);
        var assignments = db.MemberTags.Where(a => a.MemberId >= from && a.MemberId <= to);
        if (batch.MemberIds is { } ids)
        {
            assignments = assignments.Where(a => ids.Contains(a.MemberId));
        }

        return assignments;
    }

    private static bool IsUniqueViolation(Exception exception) => exception switch
    {
        DbUpdateException update => update.IsUniqueViolation(),
        System.Data.Common.DbException database => database.IsUniqueViolation(),
        _ => false,
    };
}
