using System.Globalization;

namespace MemberGraph.Benchmarks;

/// <summary>
/// Command line (defaults shown): <c>--scenario home --members 20000 --clients 4 --seconds 10 --rounds 2 --data DIR</c>;
/// <c>--only graphql|hand</c> loads one side for <c>--seconds</c> (to attach a profiler) instead of comparing.
/// The write path (<c>--scenario write</c>) seeds 3,000 members by default, runs each of <c>--operations record,refund,claim,redeem</c>
/// at each of <c>--client-counts 1,8,32</c> and takes <c>--seconds 4</c> per side and client count.
/// </summary>
internal sealed record BenchOptions(
    string Scenario, int Members, int Clients, int Seconds, int Rounds, string DataDir, string? Only, IReadOnlyList<int> ClientCounts, IReadOnlyList<string> Operations)
{
    public bool WritePath => Scenario == "write";

    /// <summary><c>--log-sql</c>: logs every EF Core command (to see what a request sends; not for timing).</summary>
    public bool LogSql { get; init; }

    /// <summary>
    /// <c>--engines sqlite</c>: the databases the write path runs on, one after the other in the same run (<c>sqlite,postgres</c>);
    /// PostgreSQL is a throwaway server the bench starts, or the database <c>--postgres "Host=...;Database=..."</c> names (it must be empty
    /// or hold a previous bench world).
    /// </summary>
    public IReadOnlyList<string> Engines { get; init; } = ["sqlite"];

    public string? PostgresConnectionString { get; init; }

    /// <summary><c>--warmup 10</c>: seconds per side of every operation at 8 clients before the first measurement (the JIT's tier-up).</summary>
    public int WarmUpSeconds { get; init; } = 10;

    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Get(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var scenario = Get("scenario") ?? "home";
        if (scenario is not ("home" or "write"))
        {
            throw new ArgumentException($"--scenario is home or write, not '{scenario}'.");
        }

        var write = scenario == "write";
        var members = Int("members", write ? 3_000 : 20_000);
        var clientCounts = (Get("client-counts") ?? "1,8,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var operations = (Get("operations") ?? "record").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (operations.Except(["record", "refund", "claim", "redeem"]).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"--operations knows record, refund, claim and redeem, not '{unknown}'.");
        }

        var engines = (Get("engines") ?? "sqlite").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (engines.Except(["sqlite", "postgres"]).FirstOrDefault() is { } engine)
        {
            throw new ArgumentException($"--engines knows sqlite and postgres, not '{engine}'.");
        }

        var folder = (write ? "write-" : "") + members.ToString(CultureInfo.InvariantCulture);
        return new BenchOptions(scenario, members, Int("clients", write ? 8 : 4), Int("seconds", write ? 4 : 10), Int("rounds", 2),
            Get("data") ?? Path.Combine(Path.GetTempPath(), "membergraph-bench", folder), Get("only"), clientCounts, operations)
        {
            LogSql = args.Contains("--log-sql"),
            WarmUpSeconds = Int("warmup", 10),
            Engines = engines,
            PostgresConnectionString = Get("postgres"),
        };
    }
}
