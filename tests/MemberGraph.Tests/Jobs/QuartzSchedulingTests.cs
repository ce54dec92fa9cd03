using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
}
