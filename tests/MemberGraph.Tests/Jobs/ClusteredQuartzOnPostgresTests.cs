using System.Collections.Concurrent;
using MemberGraph.Jobs;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;

namespace MemberGraph.Tests.Jobs;

/// <summary>
/// Quartz's clustered AdoJobStore (<c>Jobs:Clustered=true</c>) on a real PostgreSQL server: two gateways on one database
/// provision and share the store, both check in as instances of one cluster, and every firing of a trigger runs the job on
/// exactly one of them.
/// </summary>
public sealed class ClusteredQuartzOnPostgresTests
{
    private const string Job = "points-release";

    [Fact]
    public async Task Two_gateways_on_one_database_run_each_firing_of_a_trigger_once()
    {
        // given: two gateways on the same PostgreSQL database, the clustered store on, the release job due every second
        var cluster = await PostgresCluster.InstanceAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await cluster.CreateDatabaseAsync(),
            ["Jobs:Scheduler"] = "true",
            ["Jobs:Clustered"] = "true",
            [$"Jobs:Schedules:{Job}"] = "* * * * * ?",
        };
        // Started together, as two replicas of a deployment are: both provision Quartz's tables at the same time.
        var started = await Task.WhenAll(GatewayHost.StartAsync(settings), GatewayHost.StartAsync(settings));
        await using var first = started[0];
        await using var second = started[1];
        var executed = new ConcurrentQueue<(string Instance, DateTimeOffset FireTime)>();
        var instances = new List<string>();
        foreach (var gateway in new[] { first, second })
        {
            var scheduler = await gateway.Service<ISchedulerFactory>().GetScheduler();
            var metadata = await scheduler.GetMetadata();
            Assert.True(metadata.JobStoreClustered, "the scheduler is not on the clustered store");
            Assert.True(metadata.JobStorePersistent, "the scheduler's store is not persistent");
            instances.Add(metadata.SchedulerInstanceId);
            scheduler.ListenerManager.AddJobListener(new Executions(executed), [GroupMatcher<JobKey>.GroupEquals("membergraph")]);
        }

        // when: the trigger fires for a few seconds
        for (var i = 0; i < 150 && executed.Count < 6; i++)
        {
            await Task.Delay(100);
        }

        // then: both instances are in the cluster's state table of the one database, and no firing ran twice
        Assert.NotEqual(instances[0], instances[1]);
        Assert.Equal(instances.Order(), await CheckedInAsync((string)settings["ConnectionStrings:Postgres"]!));
        var runs = executed.ToList();
        Assert.True(runs.Count >= 6, $"only {runs.Count} firings ran within 15 s");
        Assert.Equal(runs.Count, runs.Select(r => r.FireTime).Distinct().Count());
        await using var db = first.Db();
        Assert.True(await db.JobRuns.CountAsync(r => r.Job == Job && r.TriggeredBy == "schedule") >= runs.Count - 1);
    }

    /// <summary>The instance ids in Quartz's scheduler-state table (its name as <c>ProvisionSchema</c> created it).</summary>
    private static async Task<List<string>> CheckedInAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var find = new NpgsqlCommand(
            "SELECT quote_ident(table_name) FROM information_schema.tables WHERE lower(table_name) LIKE '%scheduler_state'", connection);
        var table = (string)(await find.ExecuteScalarAsync() ?? throw new InvalidOperationException("Quartz's scheduler-state table was not created."));
        await using var read = new NpgsqlCommand($"SELECT instance_name FROM {table} ORDER BY instance_name", connection);
        var ids = new List<string>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private sealed class Executions(ConcurrentQueue<(string, DateTimeOffset)> executed) : IJobListener
    {
        public string Name => "test-executions";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.JobDetail.Key.Name == Job)
            {
                executed.Enqueue((context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc ?? context.FireTimeUtc));
            }

            return ValueTask.CompletedTask;
        }
    }
}
