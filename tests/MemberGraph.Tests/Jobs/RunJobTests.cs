using MemberGraph.Jobs;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Jobs;

/// <summary>runJob on demand: progress visible in jobRuns while a run is under way, overlapping runs refused, unknown jobs named.</summary>
public sealed class RunJobTests : IAsyncLifetime
{
    private const string RunJob = """
        mutation($job: String!, $wait: Boolean) { runJob(input: { job: $job, wait: $wait }) { jobRun { id job status processed total error } errors { code message } } }
        """;

    private const string Runs = """
        query($job: String) { jobRuns(job: $job, first: 5) { edges { node { job status processed total summary triggeredBy finishedAt } } } }
        """;

    private readonly SteppedJob _job = new();
    private GatewayHost _gateway = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IMemberGraphJob>(_job));
        _admin = new TestData(_gateway).AdminToken();
    }

    public async Task DisposeAsync()
    {
        _job.Finish.TrySetResult();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task A_running_job_shows_its_progress_refuses_a_second_run_and_finishes()
    {
        // when: started without waiting, it reports 40 of 100 and then blocks
        var started = (await _gateway.GraphQLAsync(RunJob, new { job = SteppedJob.JobName, wait = false }, _admin)).OkData()["runJob"]!;
        await _job.Reported.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var during = await LatestAsync();
        var second = (await _gateway.GraphQLAsync(RunJob, new { job = SteppedJob.JobName, wait = true }, _admin)).OkData()["runJob"]!;
        _job.Finish.SetResult();
        var after = await PollAsync(run => run["status"]!.GetValue<string>() != "RUNNING");

        // then
        Assert.Equal("RUNNING", started["jobRun"]!["status"]!.GetValue<string>());
        Assert.Equal("RUNNING", during["status"]!.GetValue<string>());
        Assert.Equal(40, during["processed"]!.GetValue<long>());
        Assert.Equal(100, during["total"]!.GetValue<long>());
        Assert.Equal("JOB_ALREADY_RUNNING", second["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", after["status"]!.GetValue<string>());
        Assert.Equal(100, after["processed"]!.GetValue<long>());
        Assert.Equal("admin", after["triggeredBy"]!.GetValue<string>());
        Assert.NotNull(after["finishedAt"]);
    }

    [Fact]
    public async Task Unknown_jobs_are_refused_with_the_names_of_the_jobs()
    {
        var payload = (await _gateway.GraphQLAsync(RunJob, new { job = "nope", wait = true }, _admin)).OkData()["runJob"]!;

        var error = payload["errors"]![0]!;
        Assert.Equal("UNKNOWN_JOB", error["code"]!.GetValue<string>());
        Assert.Contains("tagging-full", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("tagging-incremental", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_run_jobs()
    {
        var store = await new TestData(_gateway).StoreAsync();

        var response = await _gateway.GraphQLAsync(RunJob, new { job = SteppedJob.JobName }, new TestData(_gateway).StaffToken(store.Id));

        Assert.Equal("AUTH_NOT_AUTHORIZED", response.FirstErrorCode);
        Assert.False(_job.Reported.Task.IsCompleted);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> LatestAsync() =>
        (await _gateway.GraphQLAsync(Runs, new { job = SteppedJob.JobName }, _admin)).OkData()["jobRuns"]!["edges"]![0]!["node"]!;

    private async Task<System.Text.Json.Nodes.JsonNode> PollAsync(Func<System.Text.Json.Nodes.JsonNode, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var run = await LatestAsync();
            if (done(run) || attempt == 300)
            {
                return run;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A job that reports 40 of 100, waits for the test, then reports 100.</summary>
    private sealed class SteppedJob : IMemberGraphJob
    {
        public const string JobName = "test-stepped";

        public TaskCompletionSource Reported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => JobName;
        public string Schedule => "0 0 3 * * ?";

        public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
        {
            await run.ReportAsync(40, 100, null, cancellationToken);
            Reported.TrySetResult();
            await Finish.Task.WaitAsync(cancellationToken);
            await run.ReportAsync(100, 100, null, cancellationToken);
        }
    }
}
