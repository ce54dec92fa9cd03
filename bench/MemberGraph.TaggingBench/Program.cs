using System.Diagnostics;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Hosting;
using MemberGraph.Jobs;
using MemberGraph.Seeding;
using MemberGraph.Tags;
using MemberGraph.Tags.Tagging;
using MemberGraph.TaggingBench;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Times tagging on a big SQLite database (not part of the test suite):
//   dotnet run -c Release --project bench/MemberGraph.TaggingBench -- --data-dir /tmp/mg-bench [--members 1000000] [--touch 10000] [--log-sql 1]
// Seeds the demo brand with --members members when the database is empty, defines one rule per kind, then times
// a full run from no assignments, a full run with nothing changed, and an incremental run after touching --touch members.
var options = args.Chunk(2).Where(p => p.Length == 2 && p[0].StartsWith("--", StringComparison.Ordinal)).ToDictionary(p => p[0][2..], p => p[1]);
var dataDir = Path.GetFullPath(options.GetValueOrDefault("data-dir", "bench-data"));
var members = int.Parse(options.GetValueOrDefault("members", "1000000"), System.Globalization.CultureInfo.InvariantCulture);
var touch = int.Parse(options.GetValueOrDefault("touch", "10000"), System.Globalization.CultureInfo.InvariantCulture);
Directory.CreateDirectory(dataDir);

var app = GatewayApp.Build(
    [$"--MemberGraph:DataDir={dataDir}", "--MemberGraph:SeedDemoData=false", "--Jobs:Scheduler=false", "--Tagging:WatermarkOverlap=00:00:01"],
    builder =>
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.ContainsKey("log-sql"))
        {
            // Every SQL command with its parameters (to check plans with EXPLAIN QUERY PLAN).
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        }
    });
var services = app.Services;
var factory = services.GetRequiredService<IDbContextFactory<MemberGraphDb>>();
await DatabaseInitializer.MigrateAsync(factory, CancellationToken.None);

await using (var db = await factory.CreateDbContextAsync())
{
    if (!await db.Members.AnyAsync())
    {
        Console.WriteLine($"Seeding {members:N0} members into {dataDir} ...");
        var seed = Measure.Start();
        await services.GetRequiredService<DemoSeeder>().SeedAsync(members, null, CancellationToken.None);
        Console.WriteLine($"seed: {seed.Stop()}");
    }

    Console.WriteLine($"database: {await db.Members.CountAsync():N0} members, {await db.Orders.CountAsync():N0} orders, {await db.OrderLines.CountAsync():N0} order lines, " +
                      $"{new FileInfo(Path.Combine(dataDir, "membergraph.db")).Length / 1_048_576:N0} MiB");
}

var tags = services.GetRequiredService<TagService>();
var admin = new Caller("bench", Roles.Admin, null, null, null, null, new HashSet<string>());
await using (var db = await factory.CreateDbContextAsync())
{
    foreach (var (key, name, rule) in BenchRules.All)
    {
        if (!await db.TagDefinitions.AnyAsync(t => t.Key == key))
        {
            await tags.DefineAsync(new DefineTagInput(key, name, TagKind.Rule, rule), admin, CancellationToken.None);
        }
    }

    // Only the bench's rules run, from no assignments.
    var benchKeys = BenchRules.All.Select(r => r.Key).ToList();
    await db.TagDefinitions.Where(t => t.Kind == TagKind.Rule && !benchKeys.Contains(t.Key)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Active, false));
    await db.MemberTags.ExecuteDeleteAsync();
}

await Task.Delay(TimeSpan.FromSeconds(2)); // so the incremental run sees the rules as unchanged since the full runs

var runner = services.GetRequiredService<JobRunner>();
var results = new List<(string Phase, string Figures, string Summary)>();

async Task RunAsync(string phase, string job)
{
    var run = await runner.StartAsync(job, "bench", CancellationToken.None) ?? throw new InvalidOperationException($"{job} is already running.");
    var measure = Measure.Start();
    var finished = await runner.ExecuteAsync(run, CancellationToken.None);
    var figures = measure.Stop();
    if (finished.Status != JobRunStatus.Succeeded)
    {
        throw new InvalidOperationException($"{phase} failed: {finished.Error}");
    }

    results.Add((phase, figures.ToString(), finished.Summary ?? ""));
    Console.WriteLine($"{phase,-28} {figures}  {finished.Summary}");
}

await RunAsync("full (no assignments yet)", FullTaggingJob.JobName);
await RunAsync("full (nothing changed)", FullTaggingJob.JobName);

async Task TouchAsync(int offset)
{
    await Task.Delay(TimeSpan.FromSeconds(2)); // past the watermark overlap
    await using var db = await factory.CreateDbContextAsync();
    var last = await db.Members.MaxAsync(m => m.Id);
    var step = Math.Max(1, last / touch);
    var now = DateTime.UtcNow;
    var touched = await db.Members.Where(m => m.Id % step == offset % step).OrderBy(m => m.Id).Take(touch).Select(m => m.Id).ToListAsync();

    // A profile change, as the mini-program would make it: the birthday moves into this month (China time), or out
    // of it for those already there (so a repeated bench has the same work to do).
    var thisMonth = new DateOnly(1990, ChinaTime.ToChina(now).Month, 15);
    var otherMonth = thisMonth.AddMonths(6);
    foreach (var chunk in touched.Chunk(1_000))
    {
        await db.Members.Where(m => chunk.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Birthday, m => m.Birthday == thisMonth ? otherMonth : thisMonth)
            .SetProperty(m => m.TouchedAt, now));
    }

    Console.WriteLine($"touched {touched.Count:N0} members (every {step:N0}th id, from {offset}): birthday moved into or out of this month");
    await Task.Delay(TimeSpan.FromSeconds(2)); // so the next watermark (the run's start less 1 s) falls after these touches
}

await TouchAsync(7);
await RunAsync($"incremental ({touch:N0} touched)", IncrementalTaggingJob.JobName);
await TouchAsync(11);
await RunAsync($"incremental again (warm)", IncrementalTaggingJob.JobName);


await using (var db = await factory.CreateDbContextAsync())
{
    var counts = await db.MemberTags.Join(db.TagDefinitions, a => a.TagId, t => t.Id, (a, t) => t.Key).GroupBy(k => k).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync();
    Console.WriteLine("assignments: " + string.Join(", ", counts.Select(c => $"{c.Key}={c.Count:N0}")));
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {Measure.LoadAverage()}");
return 0;

/// <summary>Wall time and this process's CPU time (the machine is shared: CPU time is the steadier figure).</summary>
internal sealed class Measure
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

    public static Measure Start() => new();

    public Figures Stop() => new(_wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - _cpu);

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal sealed record Figures(TimeSpan Wall, TimeSpan Cpu)
    {
        public override string ToString() => $"wall {Wall.TotalSeconds,7:F2} s, cpu {Cpu.TotalSeconds,7:F2} s";
    }
}
