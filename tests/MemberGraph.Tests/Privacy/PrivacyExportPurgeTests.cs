using MemberGraph.Privacy;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// Data exports are files in <c>privacy-exports/</c> of the data folder; the <c>privacy-export-purge</c> job deletes each one
/// <c>Privacy:ExportRetention</c> (7 days) after its last write, and the subfolders that leaves empty.
/// </summary>
public sealed class PrivacyExportPurgeTests
{
    private const string RunPurge = """
        mutation { runJob(input: { job: "privacy-export-purge", wait: true }) {
          jobRun { status processed summary figures { name value } } errors { code message } } }
        """;

    private readonly MutableTimeProvider _clock = new();

    [Fact]
    public async Task Exports_older_than_the_retention_are_deleted_and_younger_ones_kept()
    {
        // given: exports written 8 days, 6 days and 1 minute ago, two of them in a member's subfolder
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        var folder = Path.Combine(gateway.DataDir, "privacy-exports");
        Assert.Equal(folder, gateway.Service<PrivacyExportFolder>().Path);
        var old = Export(folder, "m1/old.zip", TimeSpan.FromDays(8));
        var alsoOld = Export(folder, "m2/old.json", TimeSpan.FromDays(8));
        var young = Export(folder, "m1/within-retention.zip", TimeSpan.FromDays(6));
        var fresh = Export(folder, "fresh.zip", TimeSpan.FromMinutes(1));

        // when
        var run = await RunAsync(gateway);

        // then: 2 deleted, 2 kept; m2 held only an old export, so the folder goes too
        Assert.Equal("SUCCEEDED", run["status"]!.GetValue<string>());
        Assert.Equal(2, run["processed"]!.GetValue<long>());
        Assert.Equal([("purged", 2L), ("kept", 2L)], Figures(run));
        Assert.False(File.Exists(old));
        Assert.False(File.Exists(alsoOld));
        Assert.True(File.Exists(young));
        Assert.True(File.Exists(fresh));
        Assert.False(Directory.Exists(Path.Combine(folder, "m2")));
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public async Task The_retention_is_configurable()
    {
        // given: one hour of retention; exports written 2 hours and 30 minutes ago
        await using var gateway = await GatewayHost.StartAsync(
            new Dictionary<string, string?> { ["Privacy:ExportRetention"] = "01:00:00" },
            services: s => s.AddSingleton<TimeProvider>(_clock));
        var folder = gateway.Service<PrivacyExportFolder>().Path;
        var twoHours = Export(folder, "two-hours.zip", TimeSpan.FromHours(2));
        var halfAnHour = Export(folder, "half-an-hour.zip", TimeSpan.FromMinutes(30));

        // when
        var run = await RunAsync(gateway);

        // then
        Assert.Equal(1, run["processed"]!.GetValue<long>());
        Assert.False(File.Exists(twoHours));
        Assert.True(File.Exists(halfAnHour));
    }

    [Fact]
    public async Task Without_an_export_folder_the_run_succeeds_with_nothing_purged()
    {
        // given: no export was ever written
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        Assert.False(Directory.Exists(gateway.Service<PrivacyExportFolder>().Path));

        // when
        var run = await RunAsync(gateway);

        // then
        Assert.Equal("SUCCEEDED", run["status"]!.GetValue<string>());
        Assert.Equal([("purged", 0L), ("kept", 0L)], Figures(run));
    }

    [Fact]
    public async Task A_retention_of_zero_stops_the_start()
    {
        // when
        var start = () => GatewayHost.StartAsync(new Dictionary<string, string?> { ["Privacy:ExportRetention"] = "00:00:00" });

        // then
        var refusal = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(start);
        Assert.Contains("Privacy:ExportRetention", refusal.Message);
    }

    /// <summary>Writes an export file whose last write is <paramref name="age"/> before the test clock's now.</summary>
    private string Export(string folder, string name, TimeSpan age)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"member\":\"...\"}");
        File.SetLastWriteTimeUtc(path, _clock.GetUtcNow().UtcDateTime - age);
        return path;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> RunAsync(GatewayHost gateway)
    {
        var answer = (await gateway.GraphQLAsync(RunPurge, token: new TestData(gateway).AdminToken())).OkData()["runJob"]!;
        Assert.Empty(answer["errors"]!.AsArray());
        return answer["jobRun"]!;
    }

    private static List<(string, long)> Figures(System.Text.Json.Nodes.JsonNode run) =>
        run["figures"]!.AsArray().Select(f => (f!["name"]!.GetValue<string>(), f["value"]!.GetValue<long>())).ToList();
}
