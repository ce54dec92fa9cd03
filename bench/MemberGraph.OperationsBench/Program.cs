using System.Diagnostics;
using MemberGraph.Data;
using MemberGraph.Hosting;
using MemberGraph.OperationsBench;
using MemberGraph.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Times the operations features (guide task campaigns, journeys, KPIs) on a big SQLite database (not part of the tests):
//   dotnet run -c Release --project bench/MemberGraph.OperationsBench -- --data-dir /tmp/mg-bench [--members 1000000] [--only kpis] [--log-sql 1]
// Seeds the demo brand with --members members when the database is empty, then runs each section (or only one).
var options = args.Chunk(2).Where(p => p.Length == 2 && p[0].StartsWith("--", StringComparison.Ordinal)).ToDictionary(p => p[0][2..], p => p[1]);
var dataDir = Path.GetFullPath(options.GetValueOrDefault("data-dir", "bench-data"));
var members = int.Parse(options.GetValueOrDefault("members", "1000000"), System.Globalization.CultureInfo.InvariantCulture);
var only = options.GetValueOrDefault("only");
Directory.CreateDirectory(dataDir);

var app = GatewayApp.Build(
    [$"--MemberGraph:DataDir={dataDir}", "--MemberGraph:SeedDemoData=false", "--Jobs:Scheduler=false"],
    builder =>
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.ContainsKey("log-sql"))
        {
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

    Console.WriteLine($"database: {await db.Members.CountAsync():N0} members, {await db.Orders.CountAsync():N0} orders");
}

// Each section is one file of this folder: a name and a RunAsync(IServiceProvider) printing its own figures.
var sections = new List<(string Name, Func<IServiceProvider, Task> RunAsync)>
{
    ("campaigns", CampaignBench.RunAsync),
    ("journeys", s => JourneyBench.RunAsync(s, options)),
    ("segment-entries", s => SegmentEntryBench.RunAsync(s, options)),
    ("kpis", KpiBench.RunAsync),
};

foreach (var (name, run) in sections.Where(s => only is null || s.Name == only))
{
    Console.WriteLine($"== {name}");
    await run(services);
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {Measure.LoadAverage()}");
return 0;

namespace MemberGraph.OperationsBench
{
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
}
