using MemberGraph.Jobs;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace MemberGraph.Tests.Jobs;

/// <summary>With the scheduler on (the production default), Quartz fires each job on its trigger and the run is recorded.</summary>
public sealed class QuartzSchedulingTests
{
    [Fact]
    public async Task A_scheduled_trigger_runs_the_job_through_Quartz_and_records_it_as_a_schedule_run()
    {
        // given: the release job's schedule overridden to every second
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Jobs:Scheduler"] = "true",
            ["Jobs:Schedules:points-release"] = "* * * * * ?",
        });

        // when / then
        for (var i = 0; i < 100; i++)
        {
            await using var db = gateway.Db();
            if (await db.JobRuns.AnyAsync(r => r.Job == "points-release" && r.TriggeredBy == "schedule" && r.Status == MemberGraph.Jobs.JobRunStatus.Succeeded))
            {
                Assert.Contains(gateway.Logs.Lines, line => line.Contains("Job points-release scheduled", StringComparison.Ordinal));
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("Quartz did not run points-release within 10 s.");
    }

    [Fact]
    public async Task A_replica_registering_an_unchanged_schedule_leaves_the_running_trigger_as_it_was()
    {
        // given: a gateway whose registrar put the release job's trigger on the scheduler
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Jobs:Scheduler"] = "true",
            ["Jobs:Schedules:points-release"] = "0 0 3 * * ?",
        });
        var scheduler = await gateway.Service<ISchedulerFactory>().GetScheduler();
        var key = new TriggerKey("points-release-schedule", "membergraph");
        var before = await scheduler.GetTrigger(key);
        await Task.Delay(1100);

        // when: the schedule is registered again, as a replica starting on the shared store does
        await gateway.Service<IEnumerable<IHostedService>>().OfType<JobScheduleRegistrar>().Single().StartAsync(CancellationToken.None);

        // then: the same trigger, not one started over (whose first firing could be one another replica already ran)
        var after = await scheduler.GetTrigger(key);
        Assert.NotNull(before);
        Assert.Equal(before.StartTimeUtc, after!.StartTimeUtc);
        Assert.Equal(before.NextFireTimeUtc, after.NextFireTimeUtc);
    }
}
