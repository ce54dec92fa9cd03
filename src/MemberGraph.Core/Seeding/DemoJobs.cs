using MemberGraph.Jobs;

namespace MemberGraph.Seeding;

/// <summary>Runs a job through the <see cref="JobRunner"/>, as the schedule does, so its <c>JobRun</c> is real.</summary>
internal static class DemoJobs
{
    public const string TriggeredBy = "demo-seed";

    public static async Task RunAsync(JobRunner jobs, string job, CancellationToken ct)
    {
        var run = await jobs.StartAsync(job, TriggeredBy, ct) ?? throw new InvalidOperationException($"Demo seed: job {job} is already running.");
        var finished = await jobs.ExecuteAsync(run, ct);
        if (finished.Status != JobRunStatus.Succeeded)
        {
            throw new InvalidOperationException($"Demo seed: job {job} failed: {finished.Error}");
        }
    }
}
