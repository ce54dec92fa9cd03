using System.Text.Json.Nodes;
using MemberGraph.Jobs;
using MemberGraph.Orders;
using MemberGraph.Tags.Tagging;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Tags;

/// <summary>Tagging runs: progress in jobRuns, incremental scope, rule changes, retired tags, restartability, authorization.</summary>
public sealed class TaggingRunTests : IAsyncLifetime
{
    private const string JobRunsQuery = """
        query($job: String) { jobRuns(job: $job, first: 10) { edges { node { job status processed total summary triggeredBy } } } }
        """;

    private TaggingWorld _world = null!;

    public async Task InitializeAsync() => _world = await TaggingWorld.StartAsync(batchSize: 3);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_full_run_reports_progress_per_batch_in_job_runs_and_the_log()
    {
        // given: ten members, three per batch
        for (var i = 0; i < 10; i++)
        {
            var customer = await _world.CustomerAsync();
            await _world.OrderAsync(customer, 1_000 * (i + 1), daysAgo: i);
        }

        await _world.DefineAsync("buyer", new { kind = "PURCHASE_STAGE", purchaseNumber = 1 });

        // when: through runJob, as the scheduler would
        var response = await _world.Gateway.GraphQLAsync("""
            mutation { runJob(input: { job: "tagging-full", wait: true }) { jobRun { status processed total summary } errors { code } } }
            """, token: _world.Data.AdminToken());

        // then
        var run = response.OkData()["runJob"]!["jobRun"]!;
        Assert.Equal("SUCCEEDED", run["status"]!.GetValue<string>());
        Assert.Equal(10, run["processed"]!.GetValue<long>());
        Assert.Equal(10, run["total"]!.GetValue<long>());
        var summary = JsonNode.Parse(run["summary"]!.GetValue<string>())!;
        Assert.Equal(4, summary["batches"]!.GetValue<int>());
        Assert.Equal(10, summary["assigned"]!.GetValue<long>());
        Assert.Equal(4, _world.Gateway.Logs.Lines.Count(l => l.Contains("Tagging Full batch", StringComparison.Ordinal)));

        var runs = (await _world.Gateway.GraphQLAsync(JobRunsQuery, new { job = "tagging-full" }, _world.Data.AdminToken())).OkData()["jobRuns"]!["edges"]!.AsArray().Select(e => e!["node"]).ToList();
        var listed = Assert.Single(runs)!;
        Assert.Equal(10, listed["processed"]!.GetValue<long>());
        Assert.Equal("SUCCEEDED", listed["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Running_again_changes_nothing_and_a_value_change_replaces_the_assignment()
    {
        // given
        var xuhui = await _world.Data.StoreAsync("XH09");
        var jingan = await _world.Data.StoreAsync("JA09");
        var customer = await _world.CustomerAsync();
        await _world.OrderAsync(customer, 1_000, daysAgo: 5, storeId: xuhui.Id);
        await _world.DefineAsync("favourite", new { kind = "STORE_PREFERENCE" });
        await _world.RunAsync();
        var first = await _world.AssignmentsAsync();

        // when
        var again = JsonNode.Parse((await _world.RunAsync())["summary"]!.GetValue<string>())!;
        await _world.OrderAsync(customer, 1_000, daysAgo: 2, storeId: jingan.Id);
        await _world.OrderAsync(customer, 1_000, daysAgo: 1, storeId: jingan.Id);
        var changed = JsonNode.Parse((await _world.RunAsync("INCREMENTAL"))["summary"]!.GetValue<string>())!;

        // then
        Assert.Equal([("favourite", customer.Id, (string?)"XH09")], first);
        Assert.Equal(0, again["assigned"]!.GetValue<long>());
        Assert.Equal(0, again["removed"]!.GetValue<long>());
        Assert.Equal(1, changed["assigned"]!.GetValue<long>());
        Assert.Equal(1, changed["removed"]!.GetValue<long>());
        Assert.Equal([("favourite", customer.Id, (string?)"JA09")], await _world.AssignmentsAsync());
    }

    [Fact]
    public async Task Incremental_runs_re_evaluate_only_members_touched_since_the_last_successful_run()
    {
        // given: two first-time buyers tagged by a full run
        var untouched = await _world.CustomerAsync();
        await _world.OrderAsync(untouched, 1_000, daysAgo: 3);
        var touched = await _world.CustomerAsync();
        await _world.OrderAsync(touched, 1_000, daysAgo: 3);
        await _world.DefineAsync("first_purchase", new { kind = "PURCHASE_STAGE", purchaseNumber = 1 });
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        await _world.RunAsync();
        Assert.Equal(new[] { untouched.Id, touched.Id }.Order(), (await _world.TaggedAsync("first_purchase")).Keys.Order());

        // when: a second purchase for both, but only one through recordOrder (which touches the member);
        // the other is written behind the gateway's back, so nothing marks that member as changed
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        await _world.OrderAsync(touched, 1_000, daysAgo: 0.1);
        await InsertOrderSilentlyAsync(untouched.Id);
        var incremental = await _world.RunAsync("INCREMENTAL");

        // then: only the touched member was evaluated; the nightly full run catches the other
        Assert.Equal(1, incremental["processed"]!.GetValue<long>());
        Assert.Equal([untouched.Id], (await _world.TaggedAsync("first_purchase")).Keys);
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        await _world.RunAsync("FULL");
        Assert.Empty(await _world.TaggedAsync("first_purchase"));
    }

    [Fact]
    public async Task Merges_refunds_and_profile_changes_touch_members_for_the_incremental_run()
    {
        // given
        var refunded = await _world.CustomerAsync();
        await _world.OrderAsync(refunded, 1_000, daysAgo: 9);
        var refundMe = await _world.OrderAsync(refunded, 1_000, daysAgo: 3);
        await _world.DefineAsync("two_purchases", new { kind = "PURCHASE_STAGE", purchaseNumber = 2 });
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        await _world.RunAsync();
        Assert.Equal([refunded.Id], (await _world.TaggedAsync("two_purchases")).Keys);

        // when
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        await _world.RefundAllAsync(refundMe);
        var incremental = await _world.RunAsync("INCREMENTAL");

        // then
        Assert.Equal(1, incremental["processed"]!.GetValue<long>());
        Assert.Empty(await _world.TaggedAsync("two_purchases"));
    }

    [Fact]
    public async Task Incremental_runs_evaluate_new_and_changed_rules_over_everyone_and_drop_retired_tags()
    {
        // given
        var small = await _world.CustomerAsync();
        await _world.OrderAsync(small, 1_000, daysAgo: 3);
        var big = await _world.CustomerAsync();
        await _world.OrderAsync(big, 90_000, daysAgo: 3);
        await _world.DefineAsync("buyer", new { kind = "PURCHASE_STAGE", purchaseNumber = 1 });
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        await _world.RunAsync();

        // when: a new rule, nobody touched
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        await _world.DefineAsync("big_spender", new { kind = "RFM", minSpendCents = 50_000 });
        await _world.RunAsync("INCREMENTAL");
        var afterNewRule = (await _world.TaggedAsync("big_spender")).Keys.ToList();

        // and: the rule changes, then the first tag is retired
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        var update = await _world.Gateway.GraphQLAsync("""
            mutation { updateTag(input: { key: "big_spender", rule: { kind: RFM, minSpendCents: 500 } }) { errors { code } } }
            """, token: _world.Data.AdminToken());
        Assert.Empty(update.OkData()["updateTag"]!["errors"]!.AsArray());
        var retire = await _world.Gateway.GraphQLAsync("""mutation { retireTag(input: { key: "buyer" }) { errors { code } } }""", token: _world.Data.AdminToken());
        Assert.Empty(retire.OkData()["retireTag"]!["errors"]!.AsArray());
        await _world.RunAsync("INCREMENTAL");

        // then
        Assert.Equal([big.Id], afterNewRule);
        Assert.Equal(new[] { small.Id, big.Id }.Order(), (await _world.TaggedAsync("big_spender")).Keys.Order());
        Assert.Empty(await _world.TaggedAsync("buyer"));
    }

    [Fact]
    public async Task A_run_killed_half_way_and_started_again_ends_like_an_uninterrupted_run()
    {
        // given: 30 customers with varied histories and rules of several kinds, 3 members per batch
        await _world.Data.StoreAsync("XH10", latitude: 31.2, longitude: 121.45, radius: 5000);
        var random = new Random(7);
        for (var i = 0; i < 30; i++)
        {
            var customer = await _world.CustomerAsync(createdDaysAgo: random.Next(5, 400), birthday: new DateOnly(1990, random.Next(1, 13), 1),
                home: (31.2 + (random.NextDouble() - 0.5) * 0.1, 121.45 + (random.NextDouble() - 0.5) * 0.1));
            for (var n = random.Next(0, 4); n > 0; n--)
            {
                await _world.OrderAsync(customer, random.Next(1, 50) * 1_000, daysAgo: random.Next(0, 200));
            }
        }

        await _world.DefineAsync("second", new { kind = "PURCHASE_STAGE", purchaseNumber = 2 });
        await _world.DefineAsync("spender", new { kind = "RFM", minSpendCents = 40_000 });
        await _world.DefineAsync("near", new { kind = "WITHIN_DELIVERY_RADIUS", storeCode = "XH10" });
        await _world.DefineAsync("active", new { kind = "LIFECYCLE", stage = "ACTIVE" });
        await _world.DefineAsync("birthday", new { kind = "BIRTHDAY_MONTH" });

        // when: a run dies after its third batch
        using var kill = new CancellationTokenSource();
        var batches = 0;
        var engine = _world.Gateway.Service<TaggingEngine>();
        var dying = new JobRunContext(-1, _world.Now, (processed, _, _, _) =>
        {
            if (processed > 0 && ++batches == 3)
            {
                kill.Cancel();
            }

            return Task.CompletedTask;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.RunAsync(TaggingMode.Full, dying, kill.Token));
        var partial = await _world.AssignmentsAsync();
        await _world.RunAsync();
        var resumed = await _world.AssignmentsAsync();

        // and: the same data tagged from nothing by an uninterrupted run
        await using (var db = _world.Gateway.Db())
        {
            await db.MemberTags.ExecuteDeleteAsync();
        }

        await _world.RunAsync();
        var fresh = await _world.AssignmentsAsync();

        // then
        Assert.NotEmpty(partial);
        Assert.True(partial.Count < fresh.Count, $"the killed run should have stopped short ({partial.Count} of {fresh.Count})");
        Assert.Equal(fresh, resumed);
        Assert.Equal(resumed.Count, resumed.Distinct().Count());
    }

    [Fact]
    public async Task Only_operators_run_tagging_and_read_job_runs()
    {
        // given
        var store = await _world.Data.StoreAsync();
        var guide = await _world.Data.GuideAsync(store.Id);
        const string run = """mutation { runTagging(input: { mode: FULL }) { jobRun { id } } }""";

        // when
        var asGuide = await _world.Gateway.GraphQLAsync(run, token: _world.Data.GuideToken(guide));
        var asStaff = await _world.Gateway.GraphQLAsync(JobRunsQuery, token: _world.Data.StaffToken(store.Id));
        var anonymous = await _world.Gateway.GraphQLAsync(run);

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", asGuide.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", asStaff.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", anonymous.FirstErrorCode);
    }

    private async Task InsertOrderSilentlyAsync(long memberId)
    {
        await using var db = _world.Gateway.Db();
        db.Orders.Add(new Order
        {
            Channel = SalesChannel.Pos, ChannelOrderId = $"SILENT{TestData.Next()}", MemberId = memberId, PaidAmountCents = 1_000,
            PaidAt = _world.Now.AddHours(-1), RecordedAt = _world.Now, ContentHash = "silent",
        });
        await db.SaveChangesAsync();
    }
}
