using System.Diagnostics;
using System.Net.Http.Headers;

namespace MemberGraph.Benchmarks;

/// <summary>
/// N clients sending requests back to back over keep-alive connections for a fixed time; counts answers and the
/// process CPU time and managed allocations they took (server and client share the process, and so do both sides of the comparison).
/// </summary>
internal static class LoadRun
{
    public sealed record Result(long Requests, long Failures, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, long WorkItems, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
    {
        public static readonly Result Zero = new(0, 0, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, 0, 0, TimeSpan.Zero);

        public double PerSecond => Requests / Elapsed.TotalSeconds;

        public double CpuMicrosecondsPerRequest => Cpu.TotalMicroseconds / Math.Max(1, Requests);

        /// <summary>Thread-pool work items per request (client side included): each is a hop between threads.</summary>
        public double WorkItemsPerRequest => WorkItems / (double)Math.Max(1, Requests);

        public string Collections => $"GCs gen0/1/2 {Gen0}/{Gen1}/{Gen2}, paused {GcPause.TotalMilliseconds:F0} ms";

        public double KilobytesPerRequest => AllocatedBytes / 1024.0 / Math.Max(1, Requests);

        public static Result operator +(Result a, Result b) =>
            new(a.Requests + b.Requests, a.Failures + b.Failures, a.Elapsed + b.Elapsed, a.Cpu + b.Cpu, a.AllocatedBytes + b.AllocatedBytes, a.WorkItems + b.WorkItems, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.GcPause + b.GcPause);
    }

    public static async Task<Result> RunAsync(HttpClient http, int clients, TimeSpan duration, IReadOnlyList<string> tokens, Func<HttpRequestMessage> request)
    {
        long requests = 0, failures = 0;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var workItemsBefore = ThreadPool.CompletedWorkItemCount;
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var pauseBefore = GC.GetTotalPauseDuration();
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async worker =>
        {
            var random = new Random(worker + (int)stopwatch.ElapsedTicks);
            while (stopwatch.Elapsed < duration)
            {
                using var message = request();
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[random.Next(tokens.Count)]);
                using var response = await http.SendAsync(message);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode && body.Length > 0)
                {
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
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalPauseDuration() - pauseBefore);
    }
}
