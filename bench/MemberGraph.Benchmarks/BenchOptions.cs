using System.Globalization;

namespace MemberGraph.Benchmarks;

/// <summary>Command line (defaults shown): <c>--members 20000 --clients 4 --seconds 10 --rounds 2 --data DIR</c>;
/// <c>--only graphql|hand</c> loads one side for <c>--seconds</c> (to attach a profiler) instead of comparing.</summary>
internal sealed record BenchOptions(int Members, int Clients, int Seconds, int Rounds, string DataDir, string? Only)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Get(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var members = Int("members", 20_000);
        return new BenchOptions(members, Int("clients", 4), Int("seconds", 10), Int("rounds", 2),
            Get("data") ?? Path.Combine(Path.GetTempPath(), "membergraph-bench", members.ToString(CultureInfo.InvariantCulture)), Get("only"));
    }
}
