using MemberGraph.Jobs;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Jobs;

/// <summary>A run's summary numbers are typed figures beside the JSON.</summary>
public sealed class JobRunFiguresTests
{
    [Fact]
    public void The_whole_numbers_of_a_summary_become_figures_in_order_and_texts_stay_in_the_json()
    {
        var figures = JobRunFigures.Of("""{"mode":"FULL","members":1200,"watermark":"2026-12-06T00:00:00Z","assigned":37,"share":0.5}""");

        Assert.Equal([new JobRunFigure("members", 1200), new JobRunFigure("assigned", 37)], figures);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void A_summary_without_an_object_of_numbers_has_no_figures(string? summary) => Assert.Empty(JobRunFigures.Of(summary));

    [Fact]
    public async Task An_admin_reads_a_runs_figures_through_the_graph()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        var admin = new TestData(gateway).AdminToken();

        // when: the callback purge runs (its summary: {"receivedBefore": "...", "purged": 0})
        (await gateway.GraphQLAsync("mutation { runJob(input: { job: \"wecom-callback-purge\", wait: true }) { errors { code } } }", token: admin)).OkData();
        var runs = await gateway.GraphQLAsync("{ jobRuns(job: \"wecom-callback-purge\", first: 1) { edges { node { summary figures { name value } } } } }", token: admin);

        // then
        var run = runs.OkData()["jobRuns"]!["edges"]![0]!["node"]!;
        Assert.Contains("receivedBefore", run["summary"]!.GetValue<string>());
        var figure = Assert.Single(run["figures"]!.AsArray());
        Assert.Equal(("purged", 0L), (figure!["name"]!.GetValue<string>(), figure["value"]!.GetValue<long>()));
    }
}
