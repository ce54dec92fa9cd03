using System.Diagnostics;
using System.Security.Cryptography;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.RealtimeBench;
using Microsoft.Extensions.Options;

// Realtime benchmark (not part of the test suite): commit-to-next latency of pointsChanged with 1,000 and 10,000
// subscribed WebSockets, on one gateway and on two gateways through Redis. See README.md, "Real time".
var options = BenchOptions.Parse(args);
if (!File.Exists(options.ApiDll))
{
    Console.Error.WriteLine($"{options.ApiDll} is missing: build it first (dotnet build -c Release src/MemberGraph.Api).");
    return 2;
}

var folder = Path.Combine(Path.GetTempPath(), "membergraph-realtime-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
var sqlite = $"Data Source={Path.Combine(folder, "bench.db")}";
var issuer = new TokenIssuer(new SigningKey(SigningKey.Parse(signingKey)), Options.Create(new AuthOptions()), TimeProvider.System);
var ingestion = issuer.Issue(new TokenSubject(Roles.Ingestion, Scope: "channel:POS"), TimeSpan.FromHours(4)).Token;
var operatorToken = issuer.Issue(new TokenSubject(Roles.Admin), TimeSpan.FromHours(4)).Token;
var results = new List<string>();

Console.WriteLine($"Realtime benchmark: {Environment.ProcessorCount} cores, {options.Rate} orders/s for {options.Seconds} s per run, data in {folder}");

// The members: one per connection, created by their first order (recorded by an operator, who may read the buyer's id back).
var members = new List<long>();
await using (var setup = await GatewayProcess.StartAsync("setup", options.ApiDll, Path.Combine(folder, "setup"), sqlite, signingKey, redis: null))
{
    using var api = new OrderApi(setup.BaseAddress, operatorToken, readsBuyer: true);
    var watch = Stopwatch.StartNew();
    var count = options.Connections.Max();
    var ids = new long[count];
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        ids[i] = GlobalId.TryDecode(await api.RecordAsync(Card(i), $"SETUP-{i}", 1_000, ct), "Member")!.Value);
    members.AddRange(ids);
    Console.WriteLine($"  {count} members created through recordOrder in {watch.Elapsed.TotalSeconds:0.0} s");
}

var run = 0;
foreach (var mode in options.Modes)
{
    foreach (var connections in options.Connections)
    {
        run++;
        RedisProcess? redis = mode == "two" ? await RedisProcess.StartAsync(Path.Combine(folder, $"redis{run}")) : null;
        var a = await GatewayProcess.StartAsync("A", options.ApiDll, Path.Combine(folder, $"a{run}"), sqlite, signingKey, redis?.ConnectionString);
        var b = mode == "two" ? await GatewayProcess.StartAsync("B", options.ApiDll, Path.Combine(folder, $"b{run}"), sqlite, signingKey, redis!.ConnectionString) : null;
        // Two instances: every subscriber on B, every order on A, so every event crosses Redis.
        var target = b ?? a;
        var latencies = new Latencies();
        var subscribers = new Subscriber[connections];
        try
        {
            var watch = Stopwatch.StartNew();
            await Parallel.ForAsync(0, connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
            {
                var subscriber = new Subscriber(target.SocketAddress, issuer.Issue(new TokenSubject(Roles.Member, MemberId: members[i]), TimeSpan.FromHours(4)).Token, latencies);
                await subscriber.ConnectAsync(ct);
                subscribers[i] = subscriber;
            });
            Console.WriteLine($"[{mode} instance{(mode == "two" ? "s" : "")}, {connections} connections] subscribed in {watch.Elapsed.TotalSeconds:0.0} s");

            using var api = new OrderApi(a.BaseAddress, ingestion);
            await RecordAtRateAsync(api, connections, options.Warmup, options.Rate, $"W{run}");
            await Task.Delay(2000);
            latencies.Start();
            var total = options.Rate * options.Seconds;
            var (sent, failed, behind) = await RecordAtRateAsync(api, connections, total, options.Rate, $"R{run}");
            var until = DateTime.UtcNow.AddSeconds(10);
            while (latencies.Count < sent && DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }

            var s = latencies.Summary();
            var load = LoadAverage();
            var line = $"| {(mode == "two" ? "two instances via Redis" : "one instance")} | {connections:N0} | {sent} | {s.Count} | {s.P50:0.0} | {s.P90:0.0} | {s.P99:0.0} | {s.Max:0.0} | {load} |";
            Console.WriteLine($"  load average {load}; orders sent {sent} (failed {failed}, sender behind schedule {behind}x), events received {s.Count}: p50 {s.P50:0.0} ms, p90 {s.P90:0.0} ms, p99 {s.P99:0.0} ms, max {s.Max:0.0} ms");
            results.Add(line);
        }
        finally
        {
            await Parallel.ForEachAsync(subscribers.Where(x => x is not null), new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (x, _) => await x.DisposeAsync());
            if (b is not null)
            {
                await b.DisposeAsync();
            }

            await a.DisposeAsync();
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }
        }
    }
}

Console.WriteLine();
Console.WriteLine("| mode | subscribed connections | orders | events received | p50 ms | p90 ms | p99 ms | max ms | load average (1 min) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
results.ForEach(Console.WriteLine);
try
{
    Directory.Delete(folder, recursive: true);
}
catch (IOException)
{
}

return 0;

static string Card(int i) => $"BENCH-{i:000000}";

// The machine's 1-minute load average (other work on the 2 cores shows in the tail latencies).
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

// Orders at a steady rate, each for the next subscribed member in turn; returns (sent, failed, times behind schedule).
static async Task<(int Sent, int Failed, int Behind)> RecordAtRateAsync(OrderApi api, int members, int count, int rate, string prefix)
{
    var inFlight = new SemaphoreSlim(64);
    var tasks = new List<Task>(count);
    int failed = 0, behind = 0;
    var clock = Stopwatch.StartNew();
    for (var k = 0; k < count; k++)
    {
        var due = TimeSpan.FromSeconds((double)k / rate);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        if (!inFlight.Wait(0))
        {
            behind++;
            await inFlight.WaitAsync();
        }

        var order = k;
        tasks.Add(Task.Run(async () =>
        {
            try
            {
                await api.RecordAsync(Card(order % members), $"{prefix}-{order}", 500 + order % 5_000);
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
                Console.Error.WriteLine($"  order failed: {ex.Message}");
            }
            finally
            {
                inFlight.Release();
            }
        }));
    }

    await Task.WhenAll(tasks);
    return (count - failed, failed, behind);
}
