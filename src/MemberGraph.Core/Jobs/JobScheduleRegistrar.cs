using Microsoft.Extensions.Options;
using Quartz;

namespace MemberGraph.Jobs;

/// <summary>
/// Puts every <see cref="IMemberGraphJob"/> on the Quartz scheduler with its cron trigger (China Standard Time).
/// With the clustered store the definitions are shared, so an instance only adds what is missing or changed: a replica that
/// starts while another already runs the schedule leaves its trigger alone. Replacing it would start the trigger over, and a
/// cron trigger's first firing can be the current second, which the running replica may already have fired (a firing run
/// twice, seen in <c>ClusteredQuartzOnPostgresTests</c>). A new or changed trigger starts at the next second for the same reason.
/// </summary>
public sealed class JobScheduleRegistrar(ISchedulerFactory schedulers, IEnumerable<IMemberGraphJob> jobs, IOptions<JobsOptions> options, ILogger<JobScheduleRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var job in jobs)
        {
            var cron = options.Value.Schedules.GetValueOrDefault(job.Name, job.Schedule);
            var detail = JobBuilder.Create<QuartzJob>()
                .WithIdentity(job.Name, "membergraph")
                .UsingJobData(QuartzJob.JobNameKey, job.Name)
                .StoreDurably()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity($"{job.Name}-schedule", "membergraph")
                .ForJob(detail)
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(1))
                .WithCronSchedule(cron, c => c.InTimeZone(ChinaTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .Build();
            if (await scheduler.GetTrigger(trigger.Key, cancellationToken) is ICronTrigger current
                && current.CronExpressionString == cron && current.TimeZone.Id == ChinaTime.Zone.Id
                && await scheduler.Exists(detail.Key, cancellationToken))
            {
                logger.LogInformation("Job {Job} scheduled: {Cron} (China time), as it already was", job.Name, cron);
                continue;
            }

            await scheduler.ScheduleJob(detail, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
            logger.LogInformation("Job {Job} scheduled: {Cron} (China time)", job.Name, cron);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>China Standard Time (UTC+8, no daylight saving): the time the chain's stores and members live in.</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = Find();

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    public static DateTime ToChina(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
