using Microsoft.Extensions.Options;
using Quartz;

namespace MemberGraph.Jobs;

/// <summary>
/// Puts every <see cref="IMemberGraphJob"/> on the Quartz scheduler with its cron trigger (China Standard Time).
/// With the clustered store the definitions are shared, so an instance only adds what is missing or changed.
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
                .WithCronSchedule(cron, c => c.InTimeZone(ChinaTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .Build();
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
