using System.Globalization;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>The issue's goals at 8 clients on SQLite: ≥ 1,000 recordOrder/s, /graphql ≥ 0.8× hand-written, p99 &lt; 50 ms; met, or missed by how much.</summary>
internal static class Goals
{
    public const double Ratio = 0.8;
    public const double P99Milliseconds = 50;

    public static bool Report(WriteOperation operation, Side graphQL, double ratio)
    {
        var p99 = graphQL.Load.LatencyMilliseconds(99);
        var checks = new List<(string What, bool Met, string Detail)>
        {
            ("ratio >= 0.80", ratio >= Ratio, ratio >= Ratio ? $"{ratio:F2}" : $"{ratio:F2}, {Ratio - ratio:F2} short"),
            ("p99 < 50 ms", p99 < P99Milliseconds, p99 < P99Milliseconds ? $"{p99:F1} ms" : $"{p99:F1} ms, {p99 - P99Milliseconds:F1} ms over"),
        };
        if (operation.Goal is { } goal)
        {
            var perSecond = graphQL.Load.PerSecond;
            checks.Insert(0, ($">= {goal:N0}/s", perSecond >= goal, perSecond >= goal ? $"{perSecond:F0}/s" : $"{perSecond:F0}/s, {goal - perSecond:F0}/s ({1 - perSecond / goal:P0}) short"));
        }

        foreach (var (what, met, detail) in checks)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  goal at 8 clients {what,-14} {(met ? "met" : "MISSED"),-7} {detail}"));
        }

        return checks.All(c => c.Met);
    }
}
