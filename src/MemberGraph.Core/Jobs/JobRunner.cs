using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Jobs;

/// <summary>
/// Runs a job by name and records it as a <see cref="JobRun"/>: started, progress after every batch, finished
/// with status and error. Refuses to start a job whose previous run on any instance is still running.
/// </summary>
public sealed class JobRunner(IEnumerable<IMemberGraphJob> jobs, IDbContextFactory<MemberGraphDb> factory, TimeProvider clock, ILogger<JobRunner> logger)
{
    private readonly Dictionary<string, IMemberGraphJob> _jobs = jobs.ToDictionary(j => j.Name, StringComparer.Ordinal);

    /// <summary>A run left "running" longer than this is taken as crashed and no longer blocks a new run.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(6);

    public IReadOnlyCollection<string> JobNames => _jobs.Keys;

    public bool Exists(string name) => _jobs.ContainsKey(name);

    /// <summary>Creates the run row, or returns null when the job is already running.</summary>
    public async Task<JobRun?> StartAsync(string name, string triggeredBy, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - StaleAfter;
        if (await db.JobRuns.AnyAsync(r => r.Job == name && r.Status == JobRunStatus.Running && r.StartedAt > staleBefore, cancellationToken))
        {
            return null;
        }

        var run = new JobRun { Job = name, Status = JobRunStatus.Running, TriggeredBy = triggeredBy, StartedAt = now };
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Executes a started run to its end; failures are recorded on the run, never thrown.</summary>
    public async Task<JobRun> ExecuteAsync(JobRun run, CancellationToken cancellationToken)
    {
        var job = _jobs[run.Job];
        var context = new JobRunContext(run.Id, clock.GetUtcNow().UtcDateTime, (processed, total, summary, ct) => UpdateAsync(run.Id, processed, total, summary, ct));
        logger.LogInformation("Job {Job} run {RunId} started ({TriggeredBy})", run.Job, run.Id, run.TriggeredBy);
        try
        {
            await job.RunAsync(context, cancellationToken);
            return await FinishAsync(run.Id, JobRunStatus.Succeeded, null, context);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} run {RunId} failed after {Processed} items", run.Job, run.Id, context.Processed);
            return await FinishAsync(run.Id, JobRunStatus.Failed, $"{ex.GetType().Name}: {ex.Message}", context);
        }
    }

    private async Task UpdateAsync(long runId, long processed, long? total, string? summary, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.JobRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Processed, processed)
            .SetProperty(r => r.Total, total)
            .SetProperty(r => r.Summary, summary), cancellationToken);
        logger.LogInformation("Job run {RunId}: {Processed}/{Total}", runId, processed, total);
    }

    private async Task<JobRun> FinishAsync(long runId, JobRunStatus status, string? error, JobRunContext context)
    {
        await using var db = await factory.CreateDbContextAsync();
        var run = await db.JobRuns.SingleAsync(r => r.Id == runId);
        run.Status = status;
        run.Error = error is { Length: > 2000 } ? error[..2000] : error;
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        run.Processed = context.Processed;
        run.Total = context.Total ?? context.Processed;
        run.Summary = context.Summary;
        await db.SaveChangesAsync();
        logger.LogInformation("Job {Job} run {RunId} {Status}: {Processed} items", run.Job, run.Id, status, run.Processed);
        return run;
    }
}
