using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using MemberGraph.Auth;
using MemberGraph.Benchmarks.Postgres;
using MemberGraph.Benchmarks.WritePath.Claim;
using MemberGraph.Benchmarks.WritePath.Redeem;
using MemberGraph.Benchmarks.WritePath.Refund;
using MemberGraph.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// The write path: each mutation through /graphql versus its hand-written twin, at 1, 8 and 32 closed-loop clients, in
/// alternating one-second slices; orders/s, process CPU per request, SQL statements per request, p50/p99 latency, and the goals.
/// </summary>
internal static class WritePathBenchmark
{
    /// <summary>Every operation on each of <c>--engines</c> in turn, each engine with its own gateway; exit code 1 while a goal is missed on one.</summary>
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var exit = 0;
        foreach (var engine in options.Engines)
        {
            if (engine == "postgres" && options.PostgresConnectionString is null)
            {
                await using var server = await BenchPostgres.StartAsync();
                exit |= await RunOnAsync(options, server.ConnectionString, server.Cpu);
            }
            else
            {
                exit |= await RunOnAsync(options, engine == "postgres" ? options.PostgresConnectionString : null, serverCpu: null);
            }

            Console.WriteLine();
        }

        return exit;
    }

    private static async Task<int> RunOnAsync(BenchOptions options, string? postgres, ServerCpu? serverCpu)
    {
        await using var gateway = await BenchGateway.StartAsync(options, options.ClientCounts.Max(), app =>
        {
            HandWrittenOrder.Map(app);
            HandWrittenClaim.Map(app);
            HandWrittenRedeem.Map(app);
            HandWrittenRefund.Map(app);
        }, services =>
        {
            services.AddSingleton<OrderWrites>();
            services.AddSingleton<RefundWrites>();
        }, postgres);
        gateway.ServerCpu = serverCpu;
        var issuer = gateway.Services.GetRequiredService<TokenIssuer>();
        var ingestion = issuer.Issue(new TokenSubject(Roles.Ingestion, Scope: "channel:POS"), TimeSpan.FromHours(2)).Token;
        var orders = await OrderScenario.CreateAsync(gateway);
        await WriteCheck.SameOrderWritesAsync(gateway, orders, ingestion);

        var operations = new List<WriteOperation>();
        if (options.Operations.Contains("record"))
        {
            operations.Add(new WriteOperation("recordOrder",
                () => WriteOperation.Post("/graphql", OrderScenario.GraphQLBody(WriteCheck.RecordOrder, orders.NextInput()), ingestion),
                () => WriteOperation.Post(HandWrittenOrder.Path, OrderScenario.HandWrittenBody(orders.NextInput()), ingestion),
                Goal: 1_000));
        }

        if (options.Operations.Contains("refund"))
        {
            var refunds = await RefundScenario.CreateAsync(gateway, orders, ingestion);
            await RefundCheck.SameRefundWritesAsync(gateway, refunds, orders.Buyers[1]);
            operations.Add(new WriteOperation("refundOrder", () => refunds.Next("/graphql"), () => refunds.Next(HandWrittenRefund.Path), Prepare: refunds.TopUpAsync));
        }

        if (options.Operations.Contains("claim"))
        {
            var claims = await ClaimScenario.CreateAsync(gateway, orders.Buyers);
            await ClaimCheck.SameClaimWritesAsync(gateway, claims);
            operations.Add(new WriteOperation("claimCoupon", () => claims.Next("/graphql"), () => claims.Next(HandWrittenClaim.Path)));
        }

        if (options.Operations.Contains("redeem"))
        {
            var writeOffs = await RedeemScenario.CreateAsync(gateway, orders.Buyers, CouponPool(options));
            await RedeemCheck.SameWriteOffWritesAsync(gateway, writeOffs);
            operations.Add(new WriteOperation("redeemCoupon", () => writeOffs.Next("/graphql"), () => writeOffs.Next(HandWrittenRedeem.Path)));
        }

        if (options.Only is { } only)
        {
            foreach (var operation in operations)
            {
                Console.WriteLine($"Loading only {operation.Name} through {only} with {options.Clients} clients for {options.Seconds} s (pid {Environment.ProcessId}).");
                // One-second slices, so an operation that uses up what it writes on (refunds) is topped up between them.
                var alone = Side.Zero;
                for (var i = 0; i < options.Seconds; i++)
                {
                    alone += await Side.RunAsync(gateway, options.Clients, TimeSpan.FromSeconds(1), operation, only == "hand" ? operation.HandWritten : operation.GraphQL);
                }

                Console.WriteLine(alone.Row(only, options.Clients));
            }

            return 0;
        }

        var met = true;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Write path on {gateway.ProviderName}, {options.Seconds} alternating 1 s slices per side and client count; load average before: {LoadAverage()}."));
        await WarmUpAsync(gateway, operations, options.WarmUpSeconds);
        var requestFloorCpu = await RequestFloor.ReportAsync(gateway, ingestion, clients: 8, options.Seconds);
        foreach (var operation in operations)
        {
            met &= await MeasureAsync(gateway, operation, options, requestFloorCpu);
        }

        Console.WriteLine($"Load average after: {LoadAverage()}.");
        return met ? 0 : 1;
    }

    private static async Task<bool> MeasureAsync(BenchGateway gateway, WriteOperation operation, BenchOptions options, double requestFloorCpu)
    {
        Console.WriteLine();
        Console.WriteLine($"{operation.Name,-14} clients   requests/s   CPU ms/request   statements/request   p50 ms   p99 ms   failed   KB/request   server CPU ms/request");
        var met = true;
        foreach (var clients in options.ClientCounts)
        {
            await Side.RunAsync(gateway, clients, TimeSpan.FromSeconds(1), operation, operation.GraphQL);
            await Side.RunAsync(gateway, clients, TimeSpan.FromSeconds(1), operation, operation.HandWritten);
            var graphQL = Side.Zero;
            var hand = Side.Zero;
            var turns = TimeSpan.Zero;
            var writers = gateway.Services.GetRequiredService<SqliteWriterQueue>();
            var before = writers.Figures;
            var longest = TimeSpan.Zero;
            for (var i = 0; i < options.Seconds; i++)
            {
                var start = writers.Figures;
                writers.TakeLongestHeld();
                graphQL += await Side.RunAsync(gateway, clients, TimeSpan.FromSeconds(1), operation, operation.GraphQL);
                turns += writers.Figures.Held - start.Held;
                longest = TimeSpan.FromTicks(Math.Max(longest.Ticks, writers.TakeLongestHeld().Ticks));
                hand += await Side.RunAsync(gateway, clients, TimeSpan.FromSeconds(1), operation, operation.HandWritten);
            }

            Console.WriteLine(graphQL.Row("  /graphql", clients));
            Console.WriteLine(hand.Row("  hand-written", clients));
            var turnFigures = WriterTurns.Report(before, writers.Figures, turns, longest, options.Seconds);
            var ratio = graphQL.Load.PerSecond / hand.Load.PerSecond;
            var cpuRatio = hand.Load.CpuMillisecondsPerRequest / graphQL.Load.CpuMillisecondsPerRequest;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio {clients,12}   {ratio,10:F2}   {cpuRatio,14:F2}   (throughput, and hand-written CPU / GraphQL CPU)"));
            if (clients == 8)
            {
                met &= Goals.Report(operation, graphQL, hand, ratio, turnFigures, requestFloorCpu);
            }
        }

        if (operation.FirstFailure is { } failure)
        {
            Console.WriteLine($"  first refused answer: {failure[..Math.Min(failure.Length, 400)]}");
        }

        return met;
    }

    /// <summary>
    /// Runs every operation on both sides at 8 clients before anything is measured. Tiered compilation stays on (as in a production
    /// gateway, with dynamic PGO): the warm-up gives the JIT the calls it needs to reach tier 1 instead of the bench turning tiering off.
    /// The fixed seconds are not always enough: the gateway's paths are many more methods than the hand-written ones, and their
    /// promotion to tier 1 went on for about 90 s of load (the hand-written side's was done long before), so the first figures measured
    /// a gateway still running instrumented code. After them the warm-up goes on, a second per operation and side at a time, until the
    /// JIT is quiet (fewer than <see cref="QuietCompilationsPerSecond"/> methods compiled a second over a round), or for
    /// <see cref="MostExtraWarmUp"/> at most.
    /// </summary>
    private static async Task WarmUpAsync(BenchGateway gateway, IReadOnlyList<WriteOperation> operations, int seconds)
    {
        foreach (var operation in operations)
        {
            for (var i = 0; i < seconds; i++)
            {
                await RoundAsync(gateway, operation);
            }
        }

        var extra = Stopwatch.StartNew();
        double perSecond;
        do
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            var round = Stopwatch.StartNew();
            foreach (var operation in operations)
            {
                await RoundAsync(gateway, operation);
            }

            perSecond = (JitInfo.GetCompiledMethodCount() - compiled) / round.Elapsed.TotalSeconds;
        }
        while (perSecond >= QuietCompilationsPerSecond && extra.Elapsed < MostExtraWarmUp);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Warm-up: {seconds} s per operation and side, then {extra.Elapsed.TotalSeconds:F0} s more until the JIT compiled {perSecond:F0} methods a second ({(perSecond < QuietCompilationsPerSecond ? "quiet" : "still compiling at the limit")})."));
    }

    private const double QuietCompilationsPerSecond = 10;

    private static readonly TimeSpan MostExtraWarmUp = TimeSpan.FromSeconds(90);

    private static async Task RoundAsync(BenchGateway gateway, WriteOperation operation)
    {
        await Side.RunAsync(gateway, 8, TimeSpan.FromSeconds(1), operation, operation.GraphQL);
        await Side.RunAsync(gateway, 8, TimeSpan.FromSeconds(1), operation, operation.HandWritten);
    }

    /// <summary>
    /// Coupons for every write-off the run can make: warm-up (the longest extra warm-up shared by the operations, plus the round that
    /// crosses its limit) and measured seconds on both sides at up to 2,500 a second (several times what either side reaches here),
    /// plus the check's two.
    /// </summary>
    private static int CouponPool(BenchOptions options)
    {
        var extraSeconds = (int)Math.Ceiling(MostExtraWarmUp.TotalSeconds / (2 * options.Operations.Count)) + 1;
        return (options.WarmUpSeconds + extraSeconds + options.ClientCounts.Count * (1 + options.Seconds)) * 2 * 2_500 + 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
