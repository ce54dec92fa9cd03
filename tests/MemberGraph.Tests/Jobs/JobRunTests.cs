using MemberGraph.Jobs;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Jobs;

/// <summary>Jobs run on demand through runJob, recorded as JobRuns that jobRuns exposes; overlapping runs are refused.</summary>
public sealed class JobRunTests : IAsyncLifetime
{
    private const string RunJob = "mutation($input: RunJobInput!) { runJob(input: $input) { jobRun { id job status triggeredBy processed total summary finishedAt } errors { code field } } }";
    private readonly MutableTimeProvider _clock = new();
    private GatewayHost _gateway = null!;
    private LoyaltyApi _api = null!;
    private TestData _data = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Points:ReturnWindowDays"] = "7" }, services: s => s.AddSingleton<TimeProvider>(_clock));
        _api = new LoyaltyApi(_gateway);
        _data = new TestData(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public void Every_feature_job_is_registered_with_a_valid_schedule()
    {
        var jobs = _gateway.Services.GetServices<IMemberGraphJob>().ToList();

        Assert.Superset(new HashSet<string> { "points-release", "points-expiry", "coupon-expiry", "tier-recompute", "transfer-completion" }, jobs.Select(j => j.Name).ToHashSet());
        Assert.All(jobs, job => Assert.NotNull(new Quartz.CronExpression(job.Schedule).GetNextValidTimeAfter(DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task Running_the_release_job_makes_pending_points_available_and_records_the_run()
    {
        // given: 200 points pending on an order whose 7-day return window has passed
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-J1", "CARD-J1", 20_000, paidAt: _clock.GetUtcNow().UtcDateTime.AddMinutes(-1)));
        var memberId = LoyaltyApi.MemberKey(order);
        _clock.Advance(TimeSpan.FromDays(8));

        // when
        var response = await _gateway.GraphQLAsync(RunJob, new { input = new { job = "points-release", wait = true } }, _data.AdminToken());

        // then
        var run = response.OkData()["runJob"]!["jobRun"]!;
        Assert.Equal("SUCCEEDED", run["status"]!.GetValue<string>());
        Assert.Equal(1, run["processed"]!.GetValue<long>());
        Assert.NotNull(run["finishedAt"]);
        var totals = await _api.TotalsAsync(memberId);
        Assert.Equal(0, totals.Pending);
        Assert.Equal(200, totals.Consistent());

        var runs = await _gateway.GraphQLAsync("{ jobRuns(job: \"points-release\", first: 5) { totalCount edges { node { job status triggeredBy } } } }", token: _data.AdminToken());
        var listed = runs.OkData()["jobRuns"]!;
        Assert.Equal(1, listed["totalCount"]!.GetValue<int>());
        Assert.Equal("SUCCEEDED", listed["edges"]![0]!["node"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_wait_the_run_is_answered_running_and_finishes_in_the_background()
    {
        var started = await _gateway.GraphQLAsync(RunJob, new { input = new { job = "tier-recompute" } }, _data.AdminToken());
        var id = started.OkData()["runJob"]!["jobRun"]!["id"]!.GetValue<string>();

        for (var i = 0; i < 100; i++)
        {
            var runs = await _gateway.GraphQLAsync("{ jobRuns(job: \"tier-recompute\", first: 1) { edges { node { id status } } } }", token: _data.AdminToken());
            var node = runs.OkData()["jobRuns"]!["edges"]![0]!["node"]!;
            if (node["status"]!.GetValue<string>() == "SUCCEEDED")
            {
                Assert.Equal(id, node["id"]!.GetValue<string>());
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The background run did not finish in 10 s.");
    }

    [Fact]
    public async Task A_job_still_running_refuses_a_second_run_but_a_stale_run_does_not_block()
    {
        // given: a run of coupon-expiry left running by another instance
        await using (var db = _gateway.Db())
        {
            db.JobRuns.Add(new JobRun { Job = "coupon-expiry", Status = JobRunStatus.Running, TriggeredBy = "schedule", StartedAt = _clock.GetUtcNow().UtcDateTime.AddMinutes(-5) });
            db.JobRuns.Add(new JobRun { Job = "points-expiry", Status = JobRunStatus.Running, TriggeredBy = "schedule", StartedAt = _clock.GetUtcNow().UtcDateTime.AddHours(-7) });
            await db.SaveChangesAsync();
        }

        // when
        var blocked = await _gateway.GraphQLAsync(RunJob, new { input = new { job = "coupon-expiry", wait = true } }, _data.AdminToken());
        var afterStale = await _gateway.GraphQLAsync(RunJob, new { input = new { job = "points-expiry", wait = true } }, _data.AdminToken());

        // then
        Assert.Equal("JOB_ALREADY_RUNNING", blocked.OkData()["runJob"]!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", afterStale.OkData()["runJob"]!["jobRun"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_jobs_are_refused_and_only_admins_run_or_read_jobs()
    {
        var unknown = await _gateway.GraphQLAsync(RunJob, new { input = new { job = "make-coffee", wait = true } }, _data.AdminToken());
        var store = await _data.StoreAsync();

        Assert.Equal("UNKNOWN_JOB", unknown.OkData()["runJob"]!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _gateway.GraphQLAsync(RunJob, new { input = new { job = "points-release" } }, _data.StaffToken(store.Id))).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (await _gateway.GraphQLAsync("{ jobRuns { totalCount } }")).FirstErrorCode);
    }
}
