using MemberGraph.Domain;

namespace MemberGraph.Jobs;

/// <summary>
/// Runs a job on an operator's request (runJob, runTagging): refuses unknown and already-running jobs, then either
/// waits for the run to finish or answers at once and lets it run on until the gateway stops.
/// </summary>
public sealed class JobLauncher(JobRunner runner, IHostApplicationLifetime lifetime)
{
    public async Task<Outcome<JobRun>> LaunchAsync(string job, string triggeredBy, bool wait, CancellationToken cancellationToken)
    {
        if (!runner.Exists(job))
        {
            return Outcome<JobRun>.Refused(UserErrorCode.UnknownJob, $"No job '{job}'. Jobs: {string.Join(", ", runner.JobNames.Order())}.", "job");
        }

        var run = await runner.StartAsync(job, triggeredBy, cancellationToken);
        if (run is null)
        {
            return Outcome<JobRun>.Refused(UserErrorCode.JobAlreadyRunning, $"'{job}' is already running.", "job");
        }

        if (wait)
        {
            return Outcome<JobRun>.Ok(await runner.ExecuteAsync(run, lifetime.ApplicationStopping));
        }

        _ = Task.Run(() => runner.ExecuteAsync(run, lifetime.ApplicationStopping), CancellationToken.None);
        return Outcome<JobRun>.Ok(run);
    }
}
