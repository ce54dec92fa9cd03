using System.Diagnostics;
using System.Net.Http.Headers;

namespace MemberGraph.Benchmarks;

/// <summary>
/// N clients sending requests back to back over keep-alive connections for a fixed time; counts answers and the
/// process CPU time and managed allocations they took (server and client share the process, and so do both sides of the comparison),
/// and each answer's latency. A request that names its own token keeps it; others get one of <c>tokens</c> at random.
/// </summary>
internal static class LoadRun
{
    public sealed record Result(long Requests, long Failures, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, long WorkItems, int Gen0, int Gen1, int Gen2, TimeSpan GcPause,
        IReadOnlyList<long> LatencyTicks)
    {
        public static readonly Result Zero = new(0, 0, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, 0, 0, TimeSpan.Zero, []);

        public double PerSecond => Requests / Elapsed.TotalSeconds;

        public double CpuMicrosecondsPerRequest => Cpu.TotalMicroseconds / Math.Max(1, Requests);

        /// <summary>Thread-pool work items per request (client side included): each is a hop between threads.</summary>
        public double WorkItemsPerRequest => WorkItems / (double)Math.Max(1, Requests);

        public string Collections => $"GCs gen0/1/2 {Gen0}/{Gen1}/{Gen2}, paused {GcPause.TotalMilliseconds:F0} ms";

        public double KilobytesPerRequest => AllocatedBytes / 1024.0 / Math.Max(1, Requests);

        public double CpuMillisecondsPerRequest => Cpu.TotalMilliseconds / Math.Max(1, Requests);

        /// <summary>The latency <paramref name="percentile"/> (0–100) of the answered requests, in milliseconds.</summary>
        public double LatencyMilliseconds(double percentile)
        {
            if (LatencyTicks.Count == 0)
            {
                return 0;
            }

            var sorted = LatencyTicks.Order().ToList();
            var index = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
            return TimeSpan.FromTicks(sorted[Math.Clamp(index, 0, sorted.Count - 1)]).TotalMilliseconds;
        }

        public static Result operator +(Result a, Result b) =>
            new(a.Requests + b.Requests, a.Failures + b.Failures, a.Elapsed + b.Elapsed, a.Cpu + b.Cpu, a.AllocatedBytes + b.AllocatedBytes, a.WorkItems + b.WorkItems, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.GcPause + b.GcPause,
                [.. a.LatencyTicks, .. b.LatencyTicks]);
    }

    /// <param name="answered">Whether a successful answer's body is a success (a mutation's payload without errors); any non-empty body by default.</param>
    public static async Task<Result> RunAsync(HttpClient http, int clients, TimeSpan duration, IReadOnlyList<string> tokens, Func<HttpRequestMessage> request,
        Func<byte[], bool>? answered = null)
    {
        long requests = 0, failures = 0;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var workItemsBefore = ThreadPool.CompletedWorkItemCount;
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var pauseBefore = GC.GetTotalPauseDuration();
        var latencies = new List<long>[clients];
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async worker =>
        {
            var random = new Random(worker + (int)stopwatch.ElapsedTicks);
            var mine = latencies[worker] = [];
            while (stopwatch.Elapsed < duration)
            {
                using var message = request();
                message.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", tokens[random.Next(tokens.Count)]);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(message);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode && body.Length > 0 && (answered is null || answered(body)))
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).Ticks);
                    Interlocked.Increment(ref requests);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;
        process.Refresh();
        return new Result(requests, failures, elapsed, process.TotalProcessorTime - cpuBefore, GC.GetTotalAllocatedBytes() - allocatedBefore, ThreadPool.CompletedWorkItemCount - workItemsBefore,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalPauseDuration() - pauseBefore,
            [.. latencies.SelectMany(l => l ?? [])]);
    }
}
