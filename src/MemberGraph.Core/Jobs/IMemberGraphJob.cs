namespace MemberGraph.Jobs;

/// <summary>
/// A background job of a feature (points expiry, coupon expiry, tier recompute, tagging...). Quartz triggers it
/// on <see cref="Schedule"/>; admins and tests run it on demand with <c>runJob</c>. Each run is a <see cref="JobRun"/>.
/// </summary>
public interface IMemberGraphJob
{
    /// <summary>Stable name, used by <c>runJob(input: {job})</c> and in JobRun rows.</summary>
    string Name { get; }

    /// <summary>Quartz cron expression (seconds first), in China Standard Time.</summary>
    string Schedule { get; }

    Task RunAsync(JobRunContext run, CancellationToken cancellationToken);
}

/// <summary>What a running job can report: its progress (persisted after each batch) and a summary.</summary>
public sealed class JobRunContext(long runId, DateTime now, Func<long, long?, string?, CancellationToken, Task> report)
{
    public long RunId { get; } = runId;

    /// <summary>"Now" for this run, from the gateway's TimeProvider.</summary>
    public DateTime Now { get; } = now;

    public long Processed { get; private set; }

    public long? Total { get; private set; }

    public string? Summary { get; private set; }

    public Task ReportAsync(long processed, long? total = null, string? summary = null, CancellationToken cancellationToken = default)
    {
        Processed = processed;
        Total = total ?? Total;
        Summary = summary ?? Summary;
        return report(Processed, Total, Summary, cancellationToken);
    }
}
