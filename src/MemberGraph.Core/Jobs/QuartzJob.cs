using Quartz;

namespace MemberGraph.Jobs;

/// <summary>The Quartz side of every MemberGraph job: a trigger fires, the named job runs through <see cref="JobRunner"/>.</summary>
[DisallowConcurrentExecution]
public sealed class QuartzJob(JobRunner runner) : IJob
{
    public const string JobNameKey = "membergraph.job";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.MergedJobDataMap.GetString(JobNameKey) ?? context.JobDetail.Key.Name;
        var run = await runner.StartAsync(name, "schedule", cancellationToken);
        if (run is not null)
        {
            await runner.ExecuteAsync(run, cancellationToken);
        }
    }
}
