using System.Globalization;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// The issue's goals at 8 clients: ≥ 1,000 recordOrder/s, /graphql ≥ 0.8× hand-written, p99 &lt; 50 ms; met, or missed by how much
/// and why, from what the same slices measured: the writer's turn on SQLite, the lock waits on PostgreSQL, the CPU of both sides and
/// of the GraphQL request alone (<c>{ __typename }</c>).
/// </summary>
internal static class Goals
{
    public const double Ratio = 0.8;
    public const double P99Milliseconds = 50;

    /// <param name="turns">SQLite's writer's turn during /graphql's slices; null on PostgreSQL.</param>
    /// <param name="requestFloorCpu">CPU ms of <c>{ __typename }</c> through /graphql with the same token kind.</param>
    public static bool Report(WriteOperation operation, Side graphQL, Side hand, double ratio, WriterTurns.Figures? turns, double requestFloorCpu)
    {
        var p99 = graphQL.Load.LatencyMilliseconds(99);
        var checks = new List<(string What, bool Met, string Detail, string Why)>
        {
            ("ratio >= 0.80", ratio >= Ratio, ratio >= Ratio ? $"{ratio:F2}" : $"{ratio:F2}, {Ratio - ratio:F2} short", WhySlower(graphQL, hand, requestFloorCpu)),
            ("p99 < 50 ms", p99 < P99Milliseconds, p99 < P99Milliseconds ? $"{p99:F1} ms" : $"{p99:F1} ms, {p99 - P99Milliseconds:F1} ms over", WhyTail(graphQL, hand, turns)),
        };
        if (operation.Goal is { } goal)
        {
            var perSecond = graphQL.Load.PerSecond;
            checks.Insert(0, ($">= {goal:N0}/s", perSecond >= goal,
                perSecond >= goal ? $"{perSecond:F0}/s" : $"{perSecond:F0}/s, {goal - perSecond:F0}/s ({1 - perSecond / goal:P0}) short", WhyFewer(graphQL, hand, goal, turns)));
        }

        foreach (var (what, met, detail, why) in checks)
        {
            Console.WriteLine(Invariant($"  goal at 8 clients {what,-14} {(met ? "met" : "MISSED"),-7} {detail}"));
            if (!met)
            {
                Console.WriteLine($"    why: {why}");
            }
        }

        return checks.All(c => c.Met);
    }

    private static string WhyFewer(Side graphQL, Side hand, int goal, WriterTurns.Figures? turns)
    {
        var twin = hand.Load.PerSecond;
        var twinSide = Invariant($"the hand-written twin did {twin:F0}/s on this machine{(twin >= goal ? "" : ", short of it too")}");
        if (turns is { } t)
        {
            return Invariant($"one SQLite file takes one write at a time: the writer's turn was held {t.HeldMilliseconds:F2} ms per request and taken {t.Taken:P0} of the time, so about {1000 / t.HeldMilliseconds:F0}/s is this code's ceiling here; {twinSide}.");
        }

        return Invariant($"{twinSide} ({Environment.ProcessorCount} cores shared by the clients, the gateway and the server); per request the gateway's process used {graphQL.Load.CpuMillisecondsPerRequest:F2} ms CPU{Server(graphQL)}, the twin's {hand.Load.CpuMillisecondsPerRequest:F2} ms{Server(hand)}.{Locks(graphQL)}");
    }

    private static string WhySlower(Side graphQL, Side hand, double requestFloorCpu)
    {
        var more = graphQL.Load.CpuMillisecondsPerRequest - hand.Load.CpuMillisecondsPerRequest;
        return Invariant($"CPU per request {graphQL.Load.CpuMillisecondsPerRequest:F2} ms against the twin's {hand.Load.CpuMillisecondsPerRequest:F2} ms ({more:+0.00;-0.00} ms), of which any /graphql request costs {requestFloorCpu:F2} ms ({{ __typename }}){ServerBoth(graphQL, hand)}.{Locks(graphQL)}");
    }

    private static string WhyTail(Side graphQL, Side hand, WriterTurns.Figures? turns)
    {
        var twin = Invariant($"the twin's p99 at the same load was {hand.Load.LatencyMilliseconds(99):F1} ms");
        return turns is { } t
            ? Invariant($"every write waits for the ones queued before it; the longest writer's turn was {t.LongestMilliseconds:F1} ms; {twin}.")
            : Invariant($"{twin}; {Busy(graphQL)}.{Locks(graphQL)}");
    }

    /// <summary>How much of the machine the side kept busy: the bench's process (its clients and the gateway) and the database server.</summary>
    private static string Busy(Side side)
    {
        var cores = (side.Load.CpuMillisecondsPerRequest + (side.ServerCpuMillisecondsPerRequest ?? 0)) * side.Load.PerSecond / 1000;
        return Invariant($"the bench's process (its clients and the gateway) and the server kept {cores:F1} of the machine's {Environment.ProcessorCount} cores busy, so requests also queue for a core");
    }

    private static string Server(Side side) => side.ServerCpuMillisecondsPerRequest is { } server ? Invariant($" and the server {server:F2} ms") : "";

    private static string ServerBoth(Side graphQL, Side hand) =>
        graphQL.ServerCpuMillisecondsPerRequest is { } g && hand.ServerCpuMillisecondsPerRequest is { } h ? Invariant($"; the server's CPU per request {g:F2} against {h:F2} ms") : "";

    /// <summary>On PostgreSQL, when statements waited for locks: how many, and where; a row everyone locks makes the requests take turns.</summary>
    private static string Locks(Side graphQL)
    {
        if (graphQL.Locks?.Describe() is not { } waits)
        {
            return "";
        }

        var turns = graphQL.Locks.MeanWaiting >= graphQL.Locks.MeanActive / 2
            ? " Most running statements waited for a lock, mostly in one statement: the requests take turns on the rows it locks, so the rate is about one over how long a transaction holds them, from that statement to its commit."
            : "";
        return $" On the server {waits}{turns}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
