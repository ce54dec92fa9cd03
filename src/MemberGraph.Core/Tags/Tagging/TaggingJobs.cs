using MemberGraph.Jobs;

namespace MemberGraph.Tags.Tagging;

/// <summary>Re-evaluates the members touched since the last successful tagging run (every 5 minutes).</summary>
public sealed class IncrementalTaggingJob(TaggingEngine engine) : IMemberGraphJob
{
    public const string JobName = "tagging-incremental";

    public string Name => JobName;

    public string Schedule => "0 0/5 * * * ?";

    public Task RunAsync(JobRunContext run, CancellationToken cancellationToken) => engine.RunAsync(TaggingMode.Incremental, run, cancellationToken);
}

/// <summary>Re-evaluates every member against every rule (nightly at 02:00 China time): time-driven changes such as dormancy and birthday months.</summary>
public sealed class FullTaggingJob(TaggingEngine engine) : IMemberGraphJob
{
    public const string JobName = "tagging-full";

    public string Name => JobName;

    public string Schedule => "0 0 2 * * ?";

    public Task RunAsync(JobRunContext run, CancellationToken cancellationToken) => engine.RunAsync(TaggingMode.Full, run, cancellationToken);
}
